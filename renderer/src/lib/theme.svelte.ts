/**
 * Light and dark themes. 'system' follows the OS (prefers-color-scheme) live; a choice
 * is remembered. The theme is applied as `data-theme` on <html>, which the CSS
 * variables in styles/theme.css key on.
 */
export type ThemeChoice = 'system' | 'light' | 'dark';
const STORAGE_KEY = 'layerwise.theme';

export class Theme {
  choice = $state<ThemeChoice>('system');
  private systemDark = $state(false);
  /** The theme actually shown. */
  readonly effective = $derived<'light' | 'dark'>(this.choice === 'system' ? (this.systemDark ? 'dark' : 'light') : this.choice);

  constructor() {
    if (typeof window === 'undefined') return;
    const stored = safeGet(STORAGE_KEY);
    if (stored === 'light' || stored === 'dark' || stored === 'system') this.choice = stored;
    const query = window.matchMedia?.('(prefers-color-scheme: dark)');
    if (query) {
      this.systemDark = query.matches;
      query.addEventListener?.('change', (e) => (this.systemDark = e.matches));
    }
  }

  set(choice: ThemeChoice): void {
    this.choice = choice;
    try {
      localStorage.setItem(STORAGE_KEY, choice);
    } catch {
      // Not remembered; still applied.
    }
  }

  /** Light ↔ dark (the View menu's toggle): leaves 'system' for the opposite of what shows. */
  toggle(): void {
    this.set(this.effective === 'dark' ? 'light' : 'dark');
  }
}

function safeGet(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export const theme = new Theme();
