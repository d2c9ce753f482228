# Source this file (`. scripts/use-node-24.sh`) to run Glint on Node.js 24 LTS in this shell.
# A machine whose Node is older (Debian 12 ships 18, many images 20, both past their end of
# life) gets the official Node 24 build from the npm registry (the node-linux-<arch> package,
# headers included) under ~/.cache/glint, put first on PATH. npm_config_nodedir points node-gyp
# at its headers, so native addons (better-sqlite3) build against that Node, not the system's.
# npm keeps the machine's global npmrc (registry, proxy, CA file): it would otherwise look for one
# under the new Node's folder. Nothing happens when `node` is already 24 or newer.

glint_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(glint_node_major)" -lt 24 ]; then
  case "$(uname -m)" in
    x86_64) glint_node_arch=x64 ;;
    aarch64 | arm64) glint_node_arch=arm64 ;;
    *) echo "use-node-24: no Node 24 build for $(uname -m) in the npm registry; install Node 24 yourself" >&2; return 1 ;;
  esac
  glint_node_home="${GLINT_NODE_HOME:-$HOME/.cache/glint/node-24-$glint_node_arch}"
  if [ ! -x "$glint_node_home/bin/node" ]; then
    echo "Installing Node.js 24 (npm package node-linux-$glint_node_arch@24) into $glint_node_home"
    glint_node_tmp="$(mktemp -d)"
    (cd "$glint_node_tmp" && npm pack --silent "node-linux-$glint_node_arch@24" >/dev/null && tar -xzf node-linux-*.tgz) || {
      rm -rf "$glint_node_tmp"
      echo "use-node-24: could not fetch node-linux-$glint_node_arch@24 from the npm registry" >&2
      return 1
    }
    mkdir -p "$(dirname "$glint_node_home")"
    rm -rf "$glint_node_home"
    mv "$glint_node_tmp/package" "$glint_node_home"
    rm -rf "$glint_node_tmp"
  fi
  glint_npm_globalconfig="$(npm config get globalconfig 2>/dev/null)"
  [ -f "$glint_npm_globalconfig" ] && export npm_config_globalconfig="$glint_npm_globalconfig"
  export PATH="$glint_node_home/bin:$PATH"
  export npm_config_nodedir="$glint_node_home"
fi
echo "Node.js $(node --version), npm $(npm --version)"
