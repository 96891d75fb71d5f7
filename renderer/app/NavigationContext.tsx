import { type ReactNode, createContext, useContext, useMemo, useReducer } from 'react';
import { type Screen, currentScreen, initialNavState, navReducer } from './navigation';

export interface Navigation {
  current: Screen;
  canGoBack: boolean;
  /** How many screens are above home (0 on home). */
  depth: number;
  /** Bumped on reset; key screens on it so their state goes with the session. */
  generation: number;
  push(screen: Screen): void;
  back(): void;
  home(): void;
  reset(): void;
}

const NavigationContext = createContext<Navigation | null>(null);

export function NavigationProvider({ children }: { children: ReactNode }) {
  const [state, dispatch] = useReducer(navReducer, initialNavState);
  const value = useMemo<Navigation>(
    () => ({
      current: currentScreen(state),
      canGoBack: state.stack.length > 1,
      depth: state.stack.length - 1,
      generation: state.generation,
      push: (screen) => dispatch({ type: 'push', screen }),
      back: () => dispatch({ type: 'back' }),
      home: () => dispatch({ type: 'home' }),
      reset: () => dispatch({ type: 'reset' }),
    }),
    [state],
  );
  return <NavigationContext.Provider value={value}>{children}</NavigationContext.Provider>;
}

export function useNavigation(): Navigation {
  const nav = useContext(NavigationContext);
  if (!nav) throw new Error('useNavigation outside NavigationProvider');
  return nav;
}
