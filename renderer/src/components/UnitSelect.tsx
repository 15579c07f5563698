import { ALL_UNITS } from '../../../electron/core/model/entities';
import { call } from '../api';
import { useLoad } from '../lib/use-load';

/** A committee picks every unit it oversees (the default), its own unit, or one unit below. */
export function UnitSelect({ value, onChange }: { value: string; onChange: (unit: string) => void }) {
  const units = useLoad(() => call('units:overseen', {}), 'overseen');
  return (
    <select aria-label="Lọc theo đơn vị" value={value} onChange={(e) => onChange(e.target.value)}>
      <option value={ALL_UNITS}>Mọi đơn vị</option>
      {(units.data ?? []).map((u) => (
        <option key={u.code} value={u.code}>
          {u.own ? `${u.name} (đơn vị mình)` : u.name}
        </option>
      ))}
    </select>
  );
}

