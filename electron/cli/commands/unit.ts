import type { UnitProfile, UnitProfileInput } from '../../core/model/entities';
import { UNIT_LEVEL_TEXT } from '../../core/model/report';
import { unitProfile, updateUnitProfile } from '../../core/services/unit-service';
import { parse, required } from '../args';
import { withDatabase } from '../database';
import { UsageError } from '../io';
import type { Command } from './index';


function yesNo(text: string, option: string): boolean {
  const t = text.trim().toLowerCase();
  if (['co', 'có', 'yes', '1'].includes(t)) {
    return true;
  }
  if (['khong', 'không', 'no', '0'].includes(t)) {
    return false;
  }
  throw new UsageError(`${option} nhận "co" hoặc "khong".`);
}

function show(profile: UnitProfile, out: (t: string) => void): void {
  out(`Mã đơn vị:\t${profile.code}`);
  out(`Tên đơn vị:\t${profile.name}`);
  out(`Cấp:\t${UNIT_LEVEL_TEXT[profile.level]}`);
  out(`Cấp trên:\t${profile.parentCode ?? '—'}${profile.enrolled ? ' (đã đăng ký)' : profile.parentCode ? ' (chưa đăng ký, còn sửa được)' : ''}`);
  out(`Có Đoàn Thanh niên:\t${profile.hasYouthUnion ? 'có' : 'không'}`);
  out(`Có Công đoàn:\t${profile.hasTradeUnion ? 'có' : 'không'}`);
  out(`Bí thư (người ký):\t${profile.secretaryName ?? '—'}`);
  out(`Địa danh trên văn bản:\t${profile.documentPlace ?? '—'}`);
}

export const unitShow: Command = {
  path: ['unit', 'show'],
  summary: 'Xem thông tin đơn vị: tên, cấp trên, Đoàn, Công đoàn, bí thư, địa danh',
  usage: 'ptdv unit show --db FILE',
  async run(args, io) {
    const { values } = parse(args, { db: { type: 'string' } });
    return withDatabase(required(values.db, '--db'), io, ({ ctx }) => {
      show(unitProfile(ctx), io.out);
      return 0;
    });
  },
};

export const unitSet: Command = {
  path: ['unit', 'set'],
  summary: 'Sửa thông tin đơn vị; mã cấp trên chỉ sửa được khi chưa đăng ký',
  usage:
    'ptdv unit set --db FILE [--name "tên"] [--youth-union co|khong] [--trade-union co|khong] [--secretary "họ tên bí thư"] [--place "địa danh"] [--parent MÃ_CẤP_TRÊN]',
  async run(args, io) {
    const { values } = parse(args, {
      db: { type: 'string' },
      name: { type: 'string' },
      'youth-union': { type: 'string' },
      'trade-union': { type: 'string' },
      secretary: { type: 'string' },
      place: { type: 'string' },
      parent: { type: 'string' },
    });
    const db = required(values.db, '--db');
    const change: UnitProfileInput = {
      ...(values.name !== undefined ? { name: values.name } : {}),
      ...(values['youth-union'] !== undefined ? { hasYouthUnion: yesNo(values['youth-union'], '--youth-union') } : {}),
      ...(values['trade-union'] !== undefined ? { hasTradeUnion: yesNo(values['trade-union'], '--trade-union') } : {}),
      ...(values.secretary !== undefined ? { secretaryName: values.secretary } : {}),
      ...(values.place !== undefined ? { documentPlace: values.place } : {}),
      ...(values.parent !== undefined ? { parentCode: values.parent } : {}),
    };
    if (Object.keys(change).length === 0) {
      throw new UsageError('Không có gì để sửa: cho ít nhất một tham số.');
    }
    return withDatabase(db, io, ({ ctx }) => {
      show(updateUnitProfile(ctx, change), io.out);
      return 0;
    });
  },
};
