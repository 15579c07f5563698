import { Link, useLocation } from 'wouter';

/** The sub-pages of a sync area, as tabs under its title; paths are relative to the area. */
export function SyncTabs({ label, tabs }: { label: string; tabs: readonly { href: string; label: string }[] }) {
  const [location] = useLocation();
  return (
    <nav className="sync-tabs" aria-label={label}>
      {tabs.map((tab) => {
        const active = location === tab.href;
        return (
          <Link key={tab.href} href={tab.href} className={`sync-tab${active ? ' active' : ''}`} aria-current={active ? 'page' : undefined}>
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
