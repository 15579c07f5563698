/**
 * Where the rules engine's checklist, findings and next deadlines will show. Kept as its own clearly bounded panel
 * so the engine can fill it without moving anything else on the page.
 */
export function ChecksPanel() {
  return (
    <section className="card section checks-panel" aria-labelledby="checks-title" data-testid="checks-panel">
      <h2 id="checks-title">Kiểm tra hồ sơ và thời hạn</h2>
      <p className="muted">
        Danh mục hồ sơ cần có, các cảnh báo sai sót và những việc sắp đến hạn của người này sẽ hiện ở đây khi bộ quy tắc
        được cài đặt.
      </p>
    </section>
  );
}
