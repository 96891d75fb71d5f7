import { describe, expect, it } from 'vitest';
import { mayReprint, SessionReferences } from './session-references';

describe('mayReprint', () => {
  it('lets the touchscreen reprint the references of the session under way, until it ends; a technician any', () => {
    const session = new SessionReferences();
    session.remember('A250314-7K3Q-X');
    expect(mayReprint('ui', 'A250314-7K3Q-X', session)).toBe(true);
    expect(mayReprint('ui', 'M250314-2222-Q', session)).toBe(false);
    expect(mayReprint('technician', 'M250314-2222-Q', session)).toBe(true);
    session.forget();
    expect(mayReprint('ui', 'A250314-7K3Q-X', session)).toBe(false);
    expect(mayReprint('technician', 'A250314-7K3Q-X', session)).toBe(true);
  });
});
