#!/usr/bin/env bash
# Rebuild src/bimquant/report/viewer/three.min.js: the parts of three.js the HTML report's 3D
# view uses, bundled from three's npm package into one classic script (global THREE), minified.
# Needs node and npm; run from the repository root: bash tools/vendor_three.sh
set -euo pipefail
THREE_VERSION=0.187.0
ESBUILD_VERSION=0.25.12
out="$PWD/src/bimquant/report/viewer"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --silent --no-audit --no-fund "three@$THREE_VERSION" "esbuild@$ESBUILD_VERSION"
cat > entry.js <<'JS'
export {
  AmbientLight, Box3, BufferAttribute, BufferGeometry, Color, DirectionalLight, DoubleSide,
  EdgesGeometry, LineBasicMaterial, LineSegments, Mesh, MeshLambertMaterial, PerspectiveCamera,
  Raycaster, Scene, Sphere, Vector2, Vector3, WebGLRenderer,
} from "three";
export { OrbitControls } from "three/examples/jsm/controls/OrbitControls.js";
JS
npx esbuild entry.js --bundle --minify --format=iife --global-name=THREE --legal-comments=none \
  --banner:js="/* three.js ${THREE_VERSION} (https://threejs.org), MIT licence: see three-LICENSE.txt. Bundled by tools/vendor_three.sh. */" \
  --outfile="$out/three.min.js"
cp node_modules/three/LICENSE "$out/three-LICENSE.txt"
