/**
 * Passphrases people pick first, compared after lower-casing, dropping Vietnamese diacritics (đ → d) and every
 * character that is not a letter or digit: "Mật khẩu", "mat-khau" and "MATKHAU" are all "matkhau". Vietnamese
 * words, slogans and names come first; then the most common passwords of the published breach lists.
 */
export const COMMON_PASSPHRASES: readonly string[] = [
  // Vietnamese
  'matkhau', 'matkhaucuatoi', 'matkhaumoi', 'matkhau123', 'anhyeuem', 'emyeuanh', 'yeuem', 'yeuanh', 'toiyeuem',
  'anhyeuemnhieu', 'emyeuanhnhieu', 'iloveyou', 'dangcongsan', 'dangcongsanvietnam', 'dangvien', 'dangbo', 'chibo',
  'chibodang', 'ptdv', 'phattriendangvien', 'ketnapdang', 'ketnapdangvien', 'vietnam', 'vietnamvodich',
  'vietnamquehuongtoi', 'hochiminh', 'bacho', 'chutichhochiminh', 'hanoi', 'saigon', 'hochiminhcity', 'danang',
  'haiphong', 'cantho', 'hue', 'tphcm', 'conghoaxahoichunghiavietnam', 'doclaptudohanhphuc', 'tochuc', 'tochucdang',
  'doanthanhnien', 'doanvien', 'congdoan', 'xinchao', 'chaoban', 'tambiet', 'camon', 'khongbiet', 'quenmatkhau',
  'nguyen', 'nguyenvan', 'nguyenthi', 'tran', 'le', 'pham', 'hoang', 'huynh', 'phan', 'vu', 'vo', 'dang', 'bui', 'do',
  'ho', 'ngo', 'duong', 'ly', 'minh', 'anh', 'linh', 'huong', 'hung', 'dung', 'tuan', 'thao', 'trang', 'hoa',
  'giadinh', 'giadinhlaso1', 'hanhphuc', 'thanhcong', 'maimai', 'muahe', 'tinhyeu', 'banbe', 'quehuong', 'tuoitre',
  'sinhvien', 'hocsinh', 'congan', 'quandoi', 'bodoi', 'thanhnien', 'nhandan', 'chinhphu', 'ubnd', 'admin123',
  'quantri', 'quantrivien', 'abcxyz', 'abcdefgh', 'abcdefghij', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm',
  // Common everywhere
  '123456', '1234567', '12345678', '123456789', '1234567890', '0123456789', '0987654321', '9876543210', '987654321',
  '123123', '123123123', '123321', '1234512345', '111111', '1111111111', '000000', '0000000000', '666666', '888888',
  '88888888', '999999', '147258369', '123456a', '123456abc', '123qwe', '1q2w3e4r', '1q2w3e4r5t', '1qaz2wsx', 'qwerty',
  'qwerty123', 'qwertyui', 'password', 'password1', 'password123', 'passw0rd', 'p@ssw0rd', 'admin', 'administrator',
  'letmein', 'welcome', 'welcome123', 'monkey', 'dragon', 'football', 'baseball', 'sunshine', 'princess', 'superman',
  'trustno1', 'iloveyou123', 'abc123', 'abc12345', 'abcd1234', 'aa123456', 'secret', 'changeme', 'default', 'master',
  'computer', 'internet', 'samsung', 'google', 'facebook', 'matrix', 'starwars', 'whatever', 'freedom', 'shadow',
];
