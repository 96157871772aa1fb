import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { MENU_ACCELERATORS, buildMenuTemplate, type MenuTemplateOptions } from './appMenu';
import { MENU_COMMAND_NAMES, type MenuCommand } from './ipc/contract';

// The template is pure: building it must not need Electron at all.
vi.mock('electron', () => {
  throw new Error('appMenu.ts must not load electron at run time');
});

type Item = MenuItemConstructorOptions;

function build(platform: NodeJS.Platform, overrides: Partial<MenuTemplateOptions> = {}) {
  const sent: MenuCommand[] = [];
  const template = buildMenuTemplate(platform, {
    isPackaged: true,
    appName: 'Layerwise',
    send: (command) => sent.push(command),
    ...overrides,
  });
  return { template, sent };
}

const submenu = (item: Item | undefined): Item[] => {
  expect(Array.isArray(item?.submenu)).toBe(true);
  return item?.submenu as Item[];
};
const labels = (template: Item[]): string[] => template.map((item) => item.label ?? `(${item.role ?? '?'})`);
const roles = (items: Item[]): string[] => items.flatMap((item) => (item.role !== undefined ? [item.role] : []));
const menu = (template: Item[], label: string): Item[] =>
  submenu(template.find((item) => item.label?.replace('&', '') === label));

/** Every item, depth first. */
function flatten(items: Item[]): Item[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu as Item[]) : [])]);
}

function click(item: Item | undefined): void {
  expect(typeof item?.click).toBe('function');
  (item?.click as () => void)();
}

const OTHERS: NodeJS.Platform[] = ['win32', 'linux'];

describe('macOS', () => {
  const { template } = build('darwin');

  it('starts with the app menu: About, Services, Hide, Hide Others, Show All, Quit', () => {
    const first = template[0];
    expect(first?.label).toBe('Layerwise');
    const items = submenu(first);
    expect(items[0]?.label).toBe('About Layerwise');
    expect(roles(items)).toStrictEqual(['services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(items.at(-1)?.role).toBe('quit');
  });

  it('has File, Edit, View and Window after it, without mnemonics', () => {
    expect(labels(template)).toStrictEqual(['Layerwise', 'File', 'Edit', 'View', '(windowMenu)']);
    for (const item of flatten(template)) expect(item.label ?? '').not.toContain('&');
  });

  it('ends File with Close Window (Quit lives in the app menu)', () => {
    const file = menu(template, 'File');
    expect(file.at(-1)?.role).toBe('close');
    expect(roles(file)).not.toContain('quit');
    expect(flatten(template).filter((item) => item.role === 'quit')).toHaveLength(1);
  });
});

describe.each(OTHERS)('%s', (platform) => {
  const { template } = build(platform);

  it('has File, Edit, View, Help with Alt mnemonics and no app menu', () => {
    expect(labels(template)).toStrictEqual(['&File', '&Edit', '&View', '&Help']);
    expect(roles(flatten(template))).not.toContain('services');
    expect(roles(flatten(template))).not.toContain('hide');
  });

  it('ends File with Quit', () => {
    expect(menu(template, 'File').at(-1)?.role).toBe('quit');
  });

  it('puts About under Help', () => {
    expect(menu(template, 'Help').map((item) => item.label)).toStrictEqual(['About Layerwise']);
  });
});

describe.each(['darwin', ...OTHERS] as NodeJS.Platform[])('on %s', (platform) => {
  it('has New network, Open model…, Save model, Export… in File', () => {
    const { template } = build(platform);
    const file = menu(template, 'File').filter((item) => item.type !== 'separator');
    expect(file.slice(0, 4).map((item) => item.label)).toStrictEqual(['New network', 'Open model…', 'Save model', 'Export…']);
  });

  it('has the edit roles in Edit, and undo/redo as renderer commands the page receives', () => {
    const { template, sent } = build(platform);
    const edit = menu(template, 'Edit');
    expect(roles(edit)).toEqual(expect.arrayContaining(['cut', 'copy', 'paste', 'selectAll']));
    expect(roles(edit)).not.toContain('undo');
    const undo = edit.find((item) => item.id === 'undo')!;
    const redo = edit.find((item) => item.id === 'redo')!;
    expect(undo.accelerator).toBe('CmdOrCtrl+Z');
    expect(redo.accelerator).toBe(platform === 'darwin' ? 'CmdOrCtrl+Shift+Z' : 'CmdOrCtrl+Y');
    click(undo);
    click(redo);
    expect(sent.slice(-2)).toEqual([{ command: 'undo' }, { command: 'redo' }]);
  });

  it('has zoom in/out/reset and the dark-mode toggle in View', () => {
    const { template } = build(platform);
    const view = menu(template, 'View');
    expect(roles(view)).toEqual(expect.arrayContaining(['zoomIn', 'zoomOut', 'resetZoom']));
    expect(view.map((item) => item.label)).toContain('Toggle dark mode');
  });

  it('sends each renderer command exactly once per click, and nothing while building', () => {
    const { template, sent } = build(platform);
    expect(sent).toStrictEqual([]);
    const commandItems = flatten(template).filter((item) => item.click !== undefined);
    for (const item of commandItems) click(item);
    expect(sent.map((c) => c.command).sort()).toStrictEqual([...MENU_COMMAND_NAMES].sort());
    for (const command of sent) expect(Object.keys(command)).toStrictEqual(['command']);
  });

  it('gives the renderer commands CmdOrCtrl accelerators, and never a platform-specific modifier', () => {
    const { template } = build(platform, { isPackaged: false });
    const all = flatten(template);
    for (const [name, accelerator] of Object.entries(MENU_ACCELERATORS)) {
      expect(all.find((item) => item.id === name)?.accelerator).toBe(accelerator);
    }
    const accelerators = all.flatMap((item) => (typeof item.accelerator === 'string' ? [item.accelerator] : []));
    expect(accelerators.length).toBeGreaterThanOrEqual(Object.keys(MENU_ACCELERATORS).length);
    for (const accelerator of accelerators) {
      expect(accelerator).toMatch(/^CmdOrCtrl\+/);
      expect(accelerator).not.toMatch(/\b(Cmd|Command|Ctrl|Control|Super|Meta)\+/);
    }
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('shows developer tools and reload only when not packaged', () => {
    const packaged = roles(flatten(build(platform, { isPackaged: true }).template));
    expect(packaged).not.toContain('toggleDevTools');
    expect(packaged).not.toContain('reload');
    expect(packaged).not.toContain('forceReload');
    const dev = roles(menu(build(platform, { isPackaged: false }).template, 'View'));
    expect(dev).toEqual(expect.arrayContaining(['toggleDevTools', 'reload', 'forceReload']));
  });

  it('uses the app name it is given', () => {
    const { template } = build(platform, { appName: 'Layerwise Dev' });
    expect(flatten(template).find((item) => item.id === 'about')?.label).toBe('About Layerwise Dev');
  });
});

describe('the commands', () => {
  it('are the six of the contract, each with its own menu item', () => {
    for (const platform of ['darwin', ...OTHERS] as NodeJS.Platform[]) {
      const ids = flatten(build(platform).template).flatMap((item) => (item.id !== undefined ? [item.id] : []));
      expect(ids.sort()).toStrictEqual([...MENU_COMMAND_NAMES].sort());
    }
  });

  it('map clicks to the right command', () => {
    const { template, sent } = build('linux');
    const byLabel = (label: string) => flatten(template).find((item) => item.label === label);
    click(byLabel('New network'));
    click(byLabel('Open model…'));
    click(byLabel('Save model'));
    click(byLabel('Export…'));
    click(byLabel('Toggle dark mode'));
    click(byLabel('About Layerwise'));
    expect(sent).toStrictEqual([
      { command: 'new-network' },
      { command: 'open-model' },
      { command: 'save-model' },
      { command: 'export-model' },
      { command: 'toggle-theme' },
      { command: 'about' },
    ]);
  });
});
