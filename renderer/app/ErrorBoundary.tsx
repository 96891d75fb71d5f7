import { Component, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  /** What to show instead; `retry` renders the children again. */
  fallback(retry: () => void): ReactNode;
}

interface State {
  failed: boolean;
}

/**
 * Keeps a rendering error from blanking the kiosk. React offers error
 * boundaries only as class components, hence the one class in the UI.
 * Reporting happens in the root's `onCaughtError` (main.tsx).
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  private readonly retry = (): void => this.setState({ failed: false });

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback(this.retry) : this.props.children;
  }
}
