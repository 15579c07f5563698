import { z } from 'zod';
import { MIN_PASSPHRASE_LENGTH, passphraseProblem } from '../../../electron/core/domain/passphrase/index';

/** A new passphrase, held to the same rule the services enforce, so the form says why before anything is sent. */
export const newPassphrase = z.string().superRefine((value, ctx) => {
  const problem = passphraseProblem(value);
  if (problem) {
    ctx.addIssue({ code: 'custom', message: problem });
  }
});

export const PASSPHRASE_HINT = `Ít nhất ${MIN_PASSPHRASE_LENGTH} ký tự, không phải mật khẩu phổ biến; nên dùng một câu dễ nhớ.`;
