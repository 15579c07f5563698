import { Link, useLocation } from 'wouter';
import { useSession } from '../../app/session';

/**
 * The sync entries of the navigation: a unit with a superior reaches it under "Kết nối cấp trên", a unit with units
 * below manages them under "Đơn vị trực thuộc"; a grassroots committee has both.
 */
export function SyncNav() {
  const { status } = useSession();
  const [location] = useLocation();
  const unit = status.unit;
  if (!unit) {
    return null;
  }
  const links = [
    ...(unit.level === 'chi-bo' || unit.parentCode ? [{ href: '/sync', label: 'Kết nối cấp trên' }] : []),
    ...(unit.level === 'chi-bo' ? [] : [{ href: '/units', label: 'Đơn vị trực thuộc' }]),
  ];
  return links.map((link) => {
    const active = location === link.href || location.startsWith(`${link.href}/`);
    return (
      <Link key={link.href} href={link.href} className={`nav-link${active ? ' active' : ''}`}>
        {link.label}
      </Link>
    );
  });
}
