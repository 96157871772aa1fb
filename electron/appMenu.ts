/**
 * The application menu as a plain template (no Electron at run time, only its types), so
 * it can be tested for every platform. Menu items that are renderer actions call `send`
 * with a `MenuCommand`; main.ts forwards it to the window on `MENU_COMMAND_CHANNEL`.
 * Everything else is a built-in role (edit, zoom, quit, …).
 *
 * Platform conventions: on macOS the first menu is the app menu (About, Services, Hide,
 * Quit), File ends with Close Window and there is a Window menu; on Windows and Linux File
 * ends with Quit (“Exit” on Windows), About is under Help, and top-level labels carry
 * Alt mnemonics. Accelerators use `CmdOrCtrl`, so they are Cmd on macOS and Ctrl elsewhere.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand, MenuCommandName } from './ipc/channels';

export interface MenuTemplateOptions {
  /** Developer tools and reload only appear in an unpackaged (development) app. */
  isPackaged: boolean;
  appName: string;
  send: (command: MenuCommand) => void;
}

/** Accelerators of the renderer commands (the roles bring their own). */
export const MENU_ACCELERATORS: Readonly<Partial<Record<MenuCommandName, string>>> = {
  undo: 'CmdOrCtrl+Z',
  'new-network': 'CmdOrCtrl+N',
  'open-model': 'CmdOrCtrl+O',
  'save-model': 'CmdOrCtrl+S',
  'export-model': 'CmdOrCtrl+Shift+E',
  'toggle-theme': 'CmdOrCtrl+Shift+D',
};

const separator: MenuItemConstructorOptions = { type: 'separator' };

export function buildMenuTemplate(platform: NodeJS.Platform, options: MenuTemplateOptions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const { appName, send } = options;
  const dev = !options.isPackaged;

  const command = (label: string, name: MenuCommandName): MenuItemConstructorOptions => {
    const item: MenuItemConstructorOptions = { id: name, label, click: () => send({ command: name }) };
    const accelerator = MENU_ACCELERATORS[name];
    if (accelerator !== undefined) item.accelerator = accelerator;
    return item;
  };
  // Alt mnemonics on Windows/Linux; macOS has none.
  const top = (label: string): string => (mac ? label : `&${label}`);
  const about = command(`About ${appName}`, 'about');

  const template: MenuItemConstructorOptions[] = [];

  if (mac) {
    template.push({
      label: appName,
      submenu: [
        about,
        separator,
        { role: 'services' },
        separator,
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        separator,
        { role: 'quit' },
      ],
    });
  }

  template.push({
    label: top('File'),
    submenu: [
      command('New network', 'new-network'),
      command('Open model…', 'open-model'),
      command('Save model', 'save-model'),
      command('Export…', 'export-model'),
      separator,
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  });

  template.push({
    label: top('Edit'),
    submenu: [
      // Undo/redo are the renderer's (the network editor has its own history, and text
      // fields theirs): an `undo` role would take Ctrl+Z before the page sees it.
      command('Undo', 'undo'),
      { ...command('Redo', 'redo'), accelerator: mac ? 'CmdOrCtrl+Shift+Z' : 'CmdOrCtrl+Y' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'delete' },
      separator,
      { role: 'selectAll' },
    ],
  });

  const developer: MenuItemConstructorOptions[] = dev
    ? [separator, { role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }]
    : [];
  template.push({
    label: top('View'),
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      // "CmdOrCtrl+Plus" needs Shift on most layouts; also zoom in on CmdOrCtrl+=.
      { role: 'zoomIn', accelerator: 'CmdOrCtrl+=', visible: false },
      { role: 'zoomOut' },
      separator,
      command('Toggle dark mode', 'toggle-theme'),
      separator,
      { role: 'togglefullscreen' },
      ...developer,
    ],
  });

  if (mac) {
    template.push({ role: 'windowMenu' });
  } else {
    template.push({ label: top('Help'), submenu: [about] });
  }

  return template;
}
