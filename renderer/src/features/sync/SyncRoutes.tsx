import type { ReactNode } from 'react';
import { Route, Switch } from 'wouter';
import { useSession } from '../../app/session';
import { ExportPage } from './ExportPage';
import { ImportWizard } from './ImportWizard';
import { OutboxCard } from './OutboxCard';
import { ParentKeysPage } from './ParentKeysPage';
import { ReceivedPage } from './ReceivedPage';
import { SyncTabs } from './SyncTabs';
import { UnitKeysPage } from './UnitKeysPage';
import { UnitsListPage } from './UnitsListPage';
import { UnitSyncPage } from './UnitSyncPage';

const PARENT_TABS = [
  { href: '/', label: 'Khóa và đăng ký' },
  { href: '/export', label: 'Gửi báo cáo' },
  { href: '/import', label: 'Nhận chỉ đạo' },
  { href: '/outbox', label: 'Đã gửi' },
] as const;

const UNITS_TABS = [
  { href: '/', label: 'Danh sách đơn vị' },
  { href: '/import', label: 'Nhận gói dữ liệu' },
  { href: '/keys', label: 'Khóa và đăng ký' },
  { href: '/outbox', label: 'Đã gửi' },
] as const;

/** "Kết nối cấp trên" (mounted at /sync): a unit's keys, its reports up and the directives that come back. */
export function ParentRoutes() {
  const { status } = useSession();
  return (
    <section className="sync-page">
      <div className="page-head">
        <div>
          <h1>Kết nối cấp trên</h1>
          <p className="count">Gửi báo cáo lên cấp trên{status.unit?.parentCode ? ` (${status.unit.parentCode})` : ''} và nhận chỉ đạo về, qua USB hoặc thư điện tử</p>
        </div>
      </div>
      <SyncTabs label="Các mục kết nối cấp trên" tabs={PARENT_TABS} />
      <Switch>
        <Route path="/export" component={ExportPage} />
        <Route path="/import" component={ReceivedPage} />
        <Route path="/outbox" component={OutboxCard} />
        <Route component={ParentKeysPage} />
      </Switch>
    </section>
  );
}

function UnitsImportPage() {
  const { status } = useSession();
  return (
    <ImportWizard
      ownCode={status.unit?.code ?? ''}
      intro={
        <p className="lead">
          Chọn các gói báo cáo và gói đăng ký các đơn vị gửi lên (đuôi .ptdv), nhiều tệp một lúc. Gói báo cáo chỉ được nhận từ đơn vị đã xác
          nhận mã vân tay.
        </p>
      }
      confirmHref={(unitCode) => `/${unitCode}`}
    />
  );
}

function UnitsArea({ children }: { children: ReactNode }) {
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Đơn vị trực thuộc</h1>
          <p className="count">Đăng ký và xác nhận đơn vị, nhận báo cáo các đơn vị gửi lên, gửi chỉ đạo về</p>
        </div>
      </div>
      <SyncTabs label="Các mục đơn vị trực thuộc" tabs={UNITS_TABS} />
      {children}
    </>
  );
}

/** "Đơn vị trực thuộc" (mounted at /units): a superior's units, imports, keys and the directives it sends. */
export function UnitsRoutes() {
  return (
    <section className="sync-page">
      <Switch>
        <Route path="/import">
          <UnitsArea>
            <UnitsImportPage />
          </UnitsArea>
        </Route>
        <Route path="/keys">
          <UnitsArea>
            <UnitKeysPage />
          </UnitsArea>
        </Route>
        <Route path="/outbox">
          <UnitsArea>
            <OutboxCard />
          </UnitsArea>
        </Route>
        <Route path="/:code">{(params) => <UnitSyncPage code={params.code} />}</Route>
        <Route>
          <UnitsArea>
            <UnitsListPage />
          </UnitsArea>
        </Route>
      </Switch>
    </section>
  );
}
