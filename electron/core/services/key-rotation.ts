import { enrolmentData, KEY_ROTATION_LABEL, packAndRecord, type MadeBundle } from './bundle-export';
import type { ServiceContext } from './context';
import { exportDirective } from './directive-service';
import { peerAgeRecipient, rotateOwnKeys } from './key-service';
import { getSelfUnit } from '../store/units';
import { verifiedMirrorCodes } from '../store/keys';

/**
 * Rotates the own keys (docs/bundle-format.md "Keys": a new key announced in a bundle signed by the old one) and returns the
 * announcements to send: an `enrolment` to the superior, and to each verified unit below a directive that also
 * carries whatever was pending for it. Recipients trust the new key because the old, verified one vouches for it.
 */
export async function rotateKeys(ctx: ServiceContext): Promise<MadeBundle[]> {
  const { previous, current } = rotateOwnKeys(ctx);
  const made: MadeBundle[] = [];
  const parent = getSelfUnit(ctx.db).parentCode;
  if (parent && peerAgeRecipient(ctx.db, parent)) {
    made.push(await packAndRecord(ctx, { kind: 'enrolment', to: parent, label: KEY_ROTATION_LABEL, data: enrolmentData(ctx, current), counts: {}, signer: previous }));
  }
  for (const code of verifiedMirrorCodes(ctx.db)) {
    made.push(await exportDirective(ctx, code, KEY_ROTATION_LABEL, { previous, keys: { signing: current.signing.publicKey, age: current.ageRecipient } }));
  }
  return made;
}
