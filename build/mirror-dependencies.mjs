// Copies the third-party packages that the Outlit packages depend on into a folder feed, the way an
// internal feed mirrors upstream: a consumer restoring from that feed alone then finds everything.
//
// usage: node build/mirror-dependencies.mjs <feed-dir> <project.assets.json>...
//
// The closure is read from each packed project's own restore result (obj/project.assets.json): the
// packages its non-private dependencies resolved to, and theirs, transitively. Private references
// (PrivateAssets="all", such as SourceLink) are not dependencies of the package and are skipped;
// references between packed projects are followed but not copied (they are published themselves).
// Each .nupkg is copied from the packages folder the restore used. Prints one line per copy.
import { copyFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const [feed, ...assetsFiles] = process.argv.slice(2);
if (!feed || assetsFiles.length === 0) {
  console.error('usage: node build/mirror-dependencies.mjs <feed-dir> <project.assets.json>...');
  process.exit(2);
}

const wanted = new Map(); // "id/version" (lowercase) -> { id, version, nupkg }
let failed = false;

for (const file of assetsFiles) {
  const assets = JSON.parse(readFileSync(file, 'utf8'));
  const folders = Object.keys(assets.packageFolders ?? {});
  for (const [tfm, framework] of Object.entries(assets.project?.frameworks ?? {})) {
    const target = Object.entries(assets.targets ?? {})
      .find(([key]) => key === tfm || key === framework.framework)?.[1];
    if (!target) {
      console.error(`error: ${file}: no restore target for ${tfm}`);
      failed = true;
      continue;
    }
    // Index the resolved graph by package id (case-insensitive, as NuGet compares ids).
    const byId = new Map();
    for (const [key, entry] of Object.entries(target)) {
      const slash = key.lastIndexOf('/');
      byId.set(key.slice(0, slash).toLowerCase(), { id: key.slice(0, slash), version: key.slice(slash + 1), entry });
    }
    const roots = Object.entries(framework.dependencies ?? {})
      .filter(([, d]) => d.target === 'Package' && (d.suppressParent ?? '').toLowerCase() !== 'all' && !d.autoReferenced)
      .map(([id]) => id);
    // Project references (another packed project) become package dependencies: follow them.
    for (const node of byId.values()) {
      if (node.entry.type === 'project') roots.push(node.id);
    }

    const seen = new Set();
    const stack = [...roots];
    while (stack.length > 0) {
      const id = stack.pop();
      const key = id.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      const node = byId.get(key);
      if (!node) {
        console.error(`error: ${file}: ${id} is a dependency but is not in the ${tfm} restore graph`);
        failed = true;
        continue;
      }
      stack.push(...Object.keys(node.entry.dependencies ?? {}));
      if (node.entry.type !== 'package') continue;
      const library = assets.libraries?.[`${node.id}/${node.version}`];
      const nupkgName = `${node.id.toLowerCase()}.${node.version.toLowerCase()}.nupkg`;
      const nupkg = folders.map(f => join(f, library?.path ?? '', nupkgName)).find(p => existsSync(p));
      if (!nupkg) {
        console.error(`error: ${file}: ${nupkgName} is not in any packages folder (${folders.join(', ')})`);
        failed = true;
        continue;
      }
      wanted.set(`${node.id}/${node.version}`.toLowerCase(), { id: node.id, version: node.version, nupkg });
    }
  }
}

for (const { id, version, nupkg } of [...wanted.values()].sort((a, b) => a.id.localeCompare(b.id))) {
  const destination = join(feed, `${id.toLowerCase()}.${version.toLowerCase()}.nupkg`);
  copyFileSync(nupkg, destination);
  console.log(`  mirrored ${id} ${version} (${statSync(destination).size} bytes)`);
}
process.exit(failed ? 1 : 0);
