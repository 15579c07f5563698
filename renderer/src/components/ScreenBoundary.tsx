import { Component, type ReactNode } from 'react';

type Props = { location: string; children: ReactNode };
type State = { failed: boolean; location: string };

/**
 * A screen that cannot load (its code file was replaced by an update while the window stayed open) or cannot draw
 * says so in Vietnamese with a way on, instead of leaving a blank window. Nothing is written by a screen while it
 * draws, so the data is untouched; the navigation stays usable, and going to another route tries again.
 */
export class ScreenBoundary extends Component<Props, State> {
  override state: State = { failed: false, location: this.props.location };

  static getDerivedStateFromError(): Partial<State> {
    return { failed: true };
  }

  // Not keyed by the route: that would remount every screen at each change of its own address (filters, tabs).
  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.location !== state.location ? { failed: false, location: props.location } : null;
  }

  override render(): ReactNode {
    if (!this.state.failed) {
      return this.props.children;
    }
    return (
      <section className="card section" role="alert" data-testid="screen-error">
        <h1>Không mở được màn hình này</h1>
        <p>Dữ liệu không bị ảnh hưởng. Hãy tải lại cửa sổ; nếu vẫn không được, chọn một màn hình khác ở bên trái.</p>
        <button type="button" className="btn btn-primary" onClick={() => window.location.reload()}>
          Tải lại
        </button>
      </section>
    );
  }
}
