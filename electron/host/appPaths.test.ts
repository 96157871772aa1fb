import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultUserDataDir, modelsDirIn } from './appPaths';

describe('defaultUserDataDir', () => {
  it('uses %APPDATA% on Windows, like Electron', () => {
    expect(defaultUserDataDir('Layerwise', { platform: 'win32', env: { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, home: 'C:\\Users\\ada' }))
      .toBe('C:\\Users\\ada\\AppData\\Roaming\\Layerwise');
    expect(defaultUserDataDir('Layerwise', { platform: 'win32', env: {}, home: 'C:\\Users\\ada' }))
      .toBe('C:\\Users\\ada\\AppData\\Roaming\\Layerwise');
  });

  it('uses ~/Library/Application Support on macOS', () => {
    expect(defaultUserDataDir(undefined, { platform: 'darwin', env: { XDG_CONFIG_HOME: '/x' }, home: '/Users/ada' }))
      .toBe('/Users/ada/Library/Application Support/Layerwise');
  });

  it('uses $XDG_CONFIG_HOME or ~/.config on Linux', () => {
    expect(defaultUserDataDir('Layerwise', { platform: 'linux', env: { XDG_CONFIG_HOME: '/home/ada/cfg' }, home: '/home/ada' }))
      .toBe('/home/ada/cfg/Layerwise');
    expect(defaultUserDataDir('Layerwise', { platform: 'linux', env: { XDG_CONFIG_HOME: '' }, home: '/home/ada' }))
      .toBe('/home/ada/.config/Layerwise');
    expect(defaultUserDataDir('Other', { platform: 'freebsd', env: {}, home: '/home/ada' })).toBe('/home/ada/.config/Other');
  });

  it('defaults to this machine and the name Layerwise', () => {
    expect(path.basename(defaultUserDataDir())).toBe('Layerwise');
    expect(path.isAbsolute(defaultUserDataDir())).toBe(true);
  });
});

describe('modelsDirIn', () => {
  it('is the models folder inside user data', () => {
    expect(modelsDirIn('/home/ada/.config/Layerwise')).toBe(path.join('/home/ada/.config/Layerwise', 'models'));
  });
});
