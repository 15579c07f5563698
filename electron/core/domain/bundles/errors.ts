import { AppError } from '../../errors';
import { SYNC_LIMITS } from './limits';

/**
 * Stable codes of everything the bundle layer can refuse, with the Vietnamese message a user sees. The codes are
 * part of the CLI's output (`ptdv bundle import --json`) and of receipts, so they never change meaning.
 */
export const BUNDLE_ERRORS = {
  BUNDLE_TOO_LARGE: 'Tệp gói dữ liệu quá lớn (tối đa 200 MB).',
  BUNDLE_NAME_INVALID: 'Tên tệp không phải tên một gói dữ liệu ptdv (phải có đuôi .ptdv).',
  DECRYPT_NOT_FOR_ME: 'Tệp không được mã hóa cho đơn vị này (hoặc phần đầu tệp đã bị hỏng). Xem lại tệp có đúng là gửi cho đơn vị mình không; nếu đúng, đề nghị đơn vị gửi lập và gửi lại tệp.',
  DECRYPT_FAILED: 'Không giải mã được tệp: tệp đã bị hỏng hoặc bị sửa đổi. Đề nghị đơn vị gửi chép lại tệp từ máy của họ và gửi lại.',
  TAR_INVALID: 'Nội dung gói dữ liệu sau khi giải mã bị hỏng hoặc sai định dạng.',
  TAR_TOO_MANY_ENTRIES: 'Gói dữ liệu chứa quá nhiều tệp.',
  TAR_ENTRY_FORBIDDEN: 'Gói dữ liệu chứa một mục không được phép (đường dẫn, liên kết, thư mục hoặc tên lạ).',
  TAR_ENTRY_DUPLICATE: 'Gói dữ liệu chứa một tệp bị lặp lại.',
  TAR_TOO_LARGE: 'Nội dung gói dữ liệu sau khi giải nén vượt giới hạn cho phép: gói bị từ chối.',
  TAR_ENTRY_TOO_LARGE: 'Một tệp trong gói dữ liệu vượt giới hạn kích thước.',
  TAR_ENTRY_MISSING: 'Gói dữ liệu thiếu tệp bắt buộc.',
  SUMS_INVALID: 'Danh sách mã băm trong gói dữ liệu sai định dạng.',
  SIGNATURE_INVALID: 'Chữ ký số của gói dữ liệu không hợp lệ.',
  HASH_MISMATCH: 'Nội dung gói dữ liệu không khớp với mã băm đã ký: tệp đã bị sửa đổi.',
  MANIFEST_INVALID: 'Phần mô tả của gói dữ liệu (đơn vị gửi, nơi nhận, kỳ) sai định dạng.',
  SIGNER_UNKNOWN: 'Đơn vị gửi chưa được đăng ký khóa với đơn vị này.',
  SIGNER_REVOKED: 'Khóa ký của đơn vị gửi đã bị thu hồi: gói dữ liệu bị từ chối.',
  SIGNER_KEY_MISMATCH: 'Gói dữ liệu không được ký bằng khóa đã đăng ký của đơn vị gửi.',
  UNIT_NOT_VERIFIED: 'Đơn vị gửi chưa được xác nhận: hãy đối chiếu mã vân tay qua điện thoại và xác nhận đơn vị trước khi nhập báo cáo.',
  WRONG_RECIPIENT: 'Gói dữ liệu này gửi cho đơn vị khác, không phải đơn vị này.',
  KIND_NOT_ACCEPTED: 'Đơn vị này không nhận loại gói dữ liệu này từ đơn vị gửi.',
  DATA_INVALID: 'Phần số liệu của gói dữ liệu sai định dạng.',
  QUARANTINE_LIMIT: `Gói dữ liệu có quá nhiều bản ghi lỗi (hơn ${SYNC_LIMITS.maxQuarantinedRecords.toLocaleString('vi-VN')}): cả gói bị từ chối, không bản ghi nào được áp dụng. Biên nhận gửi về đơn vị sẽ nêu các lỗi; đơn vị cần sửa dữ liệu hoặc cập nhật ứng dụng rồi gửi lại.`,
  UNIT_IDENTITY_TAKEN: 'Đơn vị gửi dùng tên của đơn vị nhận hoặc của cấp trên đơn vị nhận: gói bị từ chối. Đơn vị cần sửa tên trong Cài đặt → Thông tin đơn vị rồi gửi lại.',
  SCHEMA_TOO_NEW: 'Gói dữ liệu được tạo bởi phiên bản ptdv mới hơn: hãy cập nhật ứng dụng.',
  KEY_INVALID: 'Khóa không hợp lệ hoặc sai định dạng.',
  TRUST_INVALID: 'Tệp tin cậy của cấp trên không hợp lệ.',
  FORWARDED_INVALID: 'Phần hồ sơ của các đơn vị cấp dưới được chuyển tiếp sai định dạng: cả gói bị từ chối.',
  INNER_INVALID: 'Hồ sơ chuyển tiếp của đơn vị cấp dưới sai định dạng (thiếu tệp, manifest hoặc dữ liệu không hợp lệ): hồ sơ này bị từ chối.',
  INNER_KEY_NOT_VOUCHED: 'Hồ sơ chuyển tiếp không được ký bằng khóa mà đơn vị chuyển tiếp đã xác nhận cho đơn vị đó: hồ sơ này bị từ chối.',
  INNER_SIGNATURE_INVALID: 'Chữ ký số của đơn vị cấp dưới trên hồ sơ chuyển tiếp không hợp lệ: hồ sơ này bị từ chối.',
  INNER_HASH_MISMATCH: 'Hồ sơ chuyển tiếp không khớp với mã băm đơn vị cấp dưới đã ký: hồ sơ đã bị sửa đổi sau khi ký và bị từ chối.',
  INNER_NOT_BELOW: 'Đơn vị trong hồ sơ chuyển tiếp không trực thuộc đơn vị gửi: hồ sơ này bị từ chối.',
  RELAYED_INVALID: 'Phần chỉ đạo của cấp trên cao hơn được chuyển qua sai định dạng: cả gói bị từ chối.',
  INNER_DIRECTIVE_INVALID: 'Chỉ đạo chuyển qua của cấp trên cao hơn sai định dạng (thiếu tệp, manifest hoặc dữ liệu không hợp lệ): chỉ đạo này bị từ chối.',
  INNER_DIRECTIVE_KEY_NOT_VOUCHED: 'Chỉ đạo chuyển qua không được ký bằng khóa đã được xác nhận của đơn vị ban hành: chỉ đạo này bị từ chối.',
  INNER_DIRECTIVE_SIGNATURE_INVALID: 'Chữ ký số của đơn vị ban hành trên chỉ đạo chuyển qua không hợp lệ: chỉ đạo này bị từ chối.',
  INNER_DIRECTIVE_HASH_MISMATCH: 'Chỉ đạo chuyển qua không khớp với mã băm đơn vị ban hành đã ký: chỉ đạo đã bị sửa đổi sau khi ký và bị từ chối.',
  INNER_DIRECTIVE_NOT_FOR_ME: 'Chỉ đạo chuyển qua không gửi cho đơn vị này hay một đơn vị trực thuộc, hoặc đơn vị ban hành không phải cấp trên của đơn vị: chỉ đạo này bị từ chối.',
} as const;

export type BundleErrorCode = keyof typeof BUNDLE_ERRORS;

/** Why a compressed payload did not inflate, in words: zlib's own ("invalid stored block lengths") are English. */
export const CORRUPT_GZIP = 'nội dung nén bị hỏng, không giải nén được (tệp bị cắt ngắn hoặc bị sửa)';

/** The AppError for a bundle refusal: kind 'validation', the stable code, and the Vietnamese message plus detail. */
export function bundleError(code: BundleErrorCode, detail?: string): AppError {
  const message = detail ? `${BUNDLE_ERRORS[code]} (${detail})` : BUNDLE_ERRORS[code];
  return new AppError('validation', message, code);
}

/** True when `error` is a refusal raised by this layer (as opposed to a bug). */
export function isBundleError(error: unknown): error is AppError & { code: BundleErrorCode } {
  return error instanceof AppError && error.code !== undefined && Object.hasOwn(BUNDLE_ERRORS, error.code);
}
