import { Fragment, lazy, Suspense } from 'react';
import { Link, Redirect, Route, Router, Switch, useLocation } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { AttentionBadge } from '../features/checks/AttentionBadge';
import { helpTopicOf } from '../features/help/topics';
import { SyncNav } from '../features/sync/SyncNav';
import { UNIT_LEVEL_LABELS } from '../lib/labels';
import { ScreenBoundary } from '../components/ScreenBoundary';
import { isSuperior, useSession } from './session';

// Screens load on first visit, so the first paint only carries the shell and the setup/unlock screens.
const MembersPage = lazy(() => import('../features/members/MembersPage').then((m) => ({ default: m.MembersPage })));
const loadCandidates = () => import('../features/candidates/CandidatesPage');
const loadDashboard = () => import('../features/dashboard/DashboardPage');

/**
 * The screens unlocking lands on (a cell's list, a committee's dashboard), fetched while the passphrase is checked:
 * the first one then asks for its rows as soon as the database is open, before the day's re-evaluation begins.
 */
export function preloadHomeScreens(): void {
  void loadCandidates();
  void loadDashboard();
}

const CandidatesPage = lazy(() => loadCandidates().then((m) => ({ default: m.CandidatesPage })));
const NewCandidatePage = lazy(() =>
  import('../features/candidates/NewCandidatePage').then((m) => ({ default: m.NewCandidatePage })),
);
const CandidatePage = lazy(() => import('../features/candidate/CandidatePage').then((m) => ({ default: m.CandidatePage })));
const SettingsPage = lazy(() => import('../features/settings/SettingsPage').then((m) => ({ default: m.SettingsPage })));
const CandidatesOfStage = lazy(() => loadCandidates().then((m) => ({ default: m.CandidatesOfStage })));
const CandidatesFiltered = lazy(() => loadCandidates().then((m) => ({ default: m.CandidatesFiltered })));
const TodoPage = lazy(() => import('../features/checks/TodoPage').then((m) => ({ default: m.TodoPage })));
const TodoFiltered = lazy(() => import('../features/checks/TodoPage').then((m) => ({ default: m.TodoFiltered })));
const PipelinePage = lazy(() => import('../features/checks/PipelinePage').then((m) => ({ default: m.PipelinePage })));
const RulebookPage = lazy(() => import('../features/checks/RulebookPage').then((m) => ({ default: m.RulebookPage })));
const CalendarPage = lazy(() => import('../features/checks/CalendarPage').then((m) => ({ default: m.CalendarPage })));
const TargetsPage = lazy(() => import('../features/targets/TargetsPage').then((m) => ({ default: m.TargetsPage })));
const ReportsPage = lazy(() => import('../features/reports/ReportsPage').then((m) => ({ default: m.ReportsPage })));
// The dashboard carries the chart library; loading it only here keeps it out of the first paint.
const DashboardPage = lazy(() => loadDashboard().then((m) => ({ default: m.DashboardPage })));
const DashboardUnitPage = lazy(() => import('../features/dashboard/UnitPage').then((m) => ({ default: m.UnitPage })));
const HelpPage = lazy(() => import('../features/help/HelpPage').then((m) => ({ default: m.HelpPage })));

const DashboardPeoplePage = lazy(() => import('../features/dashboard/PeoplePage').then((m) => ({ default: m.PeoplePage })));
const ParentRoutes = lazy(() => import('../features/sync/SyncRoutes').then((m) => ({ default: m.ParentRoutes })));
const UnitsRoutes = lazy(() => import('../features/sync/SyncRoutes').then((m) => ({ default: m.UnitsRoutes })));

const NAV = [
  { href: '/candidates', label: 'Người vào Đảng' },
  { href: '/todo', label: 'Việc cần làm' },
  { href: '/pipeline', label: 'Tiến trình' },
  { href: '/members', label: 'Đảng viên' },
  { href: '/dashboard', label: 'Tổng quan' },
  { href: '/targets', label: 'Chỉ tiêu' },
  { href: '/reports', label: 'Báo cáo' },
  { href: '/rulebook', label: 'Bộ quy tắc' },
  { href: '/calendar', label: 'Lịch ngày nghỉ' },
  { href: '/settings', label: 'Cài đặt' },
  { href: '/help', label: 'Hướng dẫn' },
] as const;

function Nav() {
  return (
    <nav className="nav" aria-label="Điều hướng chính">
      <div className="nav-brand">
        <span className="nav-logo" aria-hidden="true">
          ★
        </span>
        <span>
          ptdv
          <small>Phát triển đảng viên</small>
        </span>
      </div>
      {NAV.map((item) => (
        <Fragment key={item.href}>
          <Link href={item.href} className={(active) => `nav-link${active ? ' active' : ''}`}>
            {item.label}
            {item.href === '/todo' ? <AttentionBadge /> : null}
          </Link>
          {item.href === '/reports' ? <SyncNav /> : null}
        </Fragment>
      ))}
    </nav>
  );
}

/** “?”: the help, opened at the topic of the screen it is pressed on. */
function HelpButton() {
  const [location] = useLocation();
  const topic = helpTopicOf(location);
  return (
    <Link href={topic ? `/help?muc=${topic}` : '/help'} className="btn btn-ghost help-button" aria-label="Hướng dẫn" title="Hướng dẫn sử dụng">
      ?
    </Link>
  );
}

function Header() {
  const { status, lock } = useSession();
  const unit = status.unit;
  return (
    <header className="header">
      <div>
        <div className="header-unit">{unit?.name ?? 'Đơn vị'}</div>
        {unit ? (
          <div className="header-sub">
            {UNIT_LEVEL_LABELS[unit.level]} · Mã {unit.code}
            {unit.parentCode ? ` · Cấp trên ${unit.parentCode}` : ''}
          </div>
        ) : null}
      </div>
      <div className="header-actions">
      <HelpButton />
      <button type="button" className="btn btn-ghost" onClick={lock} title="Khóa dữ liệu; cần mật khẩu để mở lại">
        <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
          <rect x="3" y="7" width="10" height="7" rx="1.5" fill="currentColor" />
          <path d="M5 7V5a3 3 0 0 1 6 0v2" fill="none" stroke="currentColor" strokeWidth="1.6" />
        </svg>
        Khóa
      </button>
      </div>
    </header>
  );
}

/** The unlocked app: navigation on the left, the unit in the header, one screen at a time. */
export function Shell() {
  const { status } = useSession();
  const superior = isSuperior(status);
  return (
    <Router hook={useHashLocation}>
      <div className="shell">
        <Nav />
        <div className="main">
          <Header />
          <main className="content">
            <Screens superior={superior} />
          </main>
        </div>
      </div>
    </Router>
  );
}

/** The screen of the route, behind a boundary that a failed screen cannot take the window down past. */
function Screens({ superior }: { superior: boolean }) {
  const [location] = useLocation();
  return (
    <ScreenBoundary location={location}>
      <Suspense fallback={<p className="muted">Đang tải…</p>}>
        <Switch>
          <Route path="/members" component={MembersPage} />
          <Route path="/help" component={HelpPage} />
          <Route path="/candidates/new" component={NewCandidatePage} />
          <Route path="/candidates/stage/:stage">{(params) => <CandidatesOfStage stage={params.stage} />}</Route>
          <Route path="/candidates/filter/:spec">{(params) => <CandidatesFiltered spec={params.spec} />}</Route>
          <Route path="/candidates/:id">{(params) => <CandidatePage id={params.id} />}</Route>
          <Route path="/candidates" component={CandidatesPage} />
          <Route path="/settings" component={SettingsPage} />
          <Route path="/todo/filter/:spec">{(params) => <TodoFiltered spec={params.spec} />}</Route>
          <Route path="/todo" component={TodoPage} />
          <Route path="/pipeline" component={PipelinePage} />
          <Route path="/rulebook" component={RulebookPage} />
          <Route path="/calendar" component={CalendarPage} />
          <Route path="/targets" component={TargetsPage} />
          <Route path="/reports" component={ReportsPage} />
          <Route path="/sync" nest component={ParentRoutes} />
          <Route path="/units" nest component={UnitsRoutes} />
          <Route path="/dashboard" component={DashboardPage} />
          <Route path="/dashboard/people/:year/:spec">
            {(params) => <DashboardPeoplePage year={Number(params.year)} spec={params.spec} />}
          </Route>
          <Route path="/dashboard/units/:code/:year">
            {(params) => <DashboardUnitPage code={params.code} year={Number(params.year)} />}
          </Route>
          <Route>
            <Redirect to={superior ? '/dashboard' : '/candidates'} replace />
          </Route>
        </Switch>
      </Suspense>
    </ScreenBoundary>
  );
}
