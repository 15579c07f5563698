import { describe, expect, it } from 'vitest';
import { edit, evaluate, probationer, severityOf } from './builders';

// Ceremony Wed 27 May 2026, decision signed Mon 6 Apr 2026 (builders.probationer).
const member = probationer('2026-05-27');
const orderFindings = (d: ReturnType<typeof probationer>, asOf = '2026-06-10') => evaluate(d, asOf).findings.filter((f) => f.code === 'EVENT_ORDER_INVALID');

describe('EVENT_ORDER_INVALID', () => {
  it('judges each step on its first date: a second chi bộ vote after the decision does not put the decision out of order', () => {
    const d = edit(member, (x) => x.events.push({ type: 'CHI_BO_VOTED', date: '2026-04-20', yes: 11, eligible: 12 }));
    expect(orderFindings(d)).toEqual([]);
  });

  it('still finds a step whose first date precedes the step before it', () => {
    const d = edit(member, (x) => x.events.push({ type: 'CEREMONY_HELD', date: '2026-04-01' }));
    const found = orderFindings(d);
    expect(found.map((f) => f.severity)).toContain('error');
    expect(found.some((f) => f.message.includes('01/04/2026') && f.message.includes('06/04/2026'))).toBe(true);
  });

  it('reports an admission decision or a ceremony recorded twice, as an error naming both dates', () => {
    const twiceDecided = edit(member, (x) => x.events.push({ type: 'ADMISSION_DECIDED', date: '2026-04-08', number: '124-QĐ/ĐU', received: '2026-04-10' }));
    expect(severityOf(evaluate(twiceDecided, '2026-06-10'), 'EVENT_ORDER_INVALID')).toBe('error');
    expect(orderFindings(twiceDecided).some((f) => f.message.includes('06/04/2026, 08/04/2026'))).toBe(true);
    const twiceHeld = edit(member, (x) => x.events.push({ type: 'CEREMONY_HELD', date: '2026-05-28' }));
    expect(orderFindings(twiceHeld).some((f) => f.message.includes('2 lần lễ kết nạp'))).toBe(true);
  });

  it('says nothing of a dossier in order, nor of a repeat dated after the day checked', () => {
    expect(orderFindings(member)).toEqual([]);
    const later = edit(member, (x) => x.events.push({ type: 'CEREMONY_HELD', date: '2026-07-01' }));
    expect(orderFindings(later, '2026-06-10')).toEqual([]);
  });
});
