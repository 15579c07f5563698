import { benchBundleCrypto } from './bundle-bench';
import { benchCheck } from './check-bench';
import { benchCli } from './cli-bench';
import { benchFoundation } from './foundation-bench';
import { benchHeld } from './held-bench';
import { benchKhoi } from './khoi-bench';
import { benchLargeCell } from './large-cell-bench';
import { benchNextDayCell, benchNextDaySuperior } from './next-day-bench';
import { benchPdf } from './pdf-bench';
import { benchReports } from './report-bench';
import { benchRules } from './rules-bench';
import { benchSync } from './sync-bench';
import { benchWrites } from './write-bench';
import { ioCounters } from './io';

/**
 * `npm run bench`: the figures the issues ask for, printed with their targets. Timing is kept out of `npm test`
 * (a loaded CI machine must not fail a correct change), so this only measures and prints.
 */
const suites: [string, () => Promise<Record<string, number | string>>][] = [
  ['Nền tảng (50.000 hồ sơ)', benchFoundation],
  ['Quy tắc', benchRules],
  ['Báo cáo và bảng theo dõi cấp trên (reports, 500 đơn vị)', benchReports],
  ['Gói đồng bộ (mã hóa)', benchBundleCrypto],
  ['Nhập gói đồng bộ ở cấp trên (sync import, 500 đơn vị)', benchSync],
  ['Chi phí một gói theo số đơn vị đang giữ (held units)', benchHeld],
  ['Khối nhập 100 ĐUCS / 1.000 chi bộ / 100.000 hồ sơ (khoi)', benchKhoi],
  ['Chi bộ 10.000 và 50.000 hồ sơ gửi báo cáo lên cấp trên (large cell)', benchLargeCell],
  ['Màn hình đầu tiên của ngày mới ở cấp trên (next day superior, 500 đơn vị, 50.000 hồ sơ)', benchNextDaySuperior],
  ['Màn hình đầu tiên của ngày mới ở chi bộ (next day cell, 50.000 hồ sơ)', benchNextDayCell],
  ['Khởi động CLI (npx ptdv)', benchCli],
  ['ptdv check --db (check, 50.000 và 200.000 hồ sơ)', benchCheck],
  ['Báo cáo PDF (pdf)', benchPdf],
  ['Ghi đĩa mỗi thao tác (write, 50.000 hồ sơ; 500 đơn vị trong một năm)', benchWrites],
];

const only = process.argv[2];
/** Bytes this process and the ptdv processes it ran wrote to disk (issue 15: a full run once wrote about 29 GB). */
let total = 0;
for (const [name, run] of suites) {
  if (only && !name.toLowerCase().includes(only.toLowerCase())) {
    continue;
  }
  const started = performance.now();
  const before = ioCounters();
  const figures = await run();
  const written = ioCounters().writeBytes - before.writeBytes;
  total += written;
  console.log(`\n== ${name} (${((performance.now() - started) / 1000).toFixed(1)} s, ${(written / 1024 ** 3).toFixed(2)} GiB written to disk)`);
  for (const [key, value] of Object.entries(figures)) {
    console.log(`  ${key.padEnd(34)} ${typeof value === 'number' ? Number(value.toFixed(2)) : value}`);
  }
}
console.log(`\nGhi đĩa (cả lượt đo): ${(total / 1024 ** 3).toFixed(2)} GiB`);
