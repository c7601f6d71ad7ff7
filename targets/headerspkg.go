package targets

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/kbuild-go/kbuild-go/dag"
	"github.com/kbuild-go/kbuild-go/headerpkg"
	"github.com/kbuild-go/kbuild-go/proc"
)

// headers-pkg writes O/linux-headers-RELEASE.tar.xz: the directory the tree's own Debian packaging
// installs as /usr/src/linux-headers-RELEASE (what `make M=...` and eBPF compiles need of a built tree),
// as a reproducible archive with a manifest (package headerpkg).
//
// Which files go in is the tree's decision, read from the tree: scripts/package/install-extmod-build
// (Linux 6.3 and later) or the kernel-headers function of scripts/package/builddeb (deploy_kernel_headers,
// install_kernel_headers before it), run as make would run it, in the output tree with the environment the
// top Makefile exports. kbuild-go adds only the archive around it.
var headersPkgGoal = &ownGoal{
	help: "headers-pkg     - Build linux-headers-RELEASE.tar.xz: the kernel's header package (the linux-headers .deb's files)",
	needs: func(x *ownContext) ([]string, error) {
		// The package is a built tree's (builddeb runs after the build): Module.symvers comes from
		// modpost, which runs for vmlinux, and for the modules pass when the kernel has modules.
		if x.config["CONFIG_MODULES"] == "y" {
			return []string{"modules_prepare", "vmlinux", "modules"}, nil
		}
		return []string{"modules_prepare", "vmlinux"}, nil
	},
	add: func(x *ownContext, needed []*dag.Node) (*dag.Node, error) {
		return funcEdge(x.d, "kbuild-go\x00headers-pkg", x.obj, "", needed, func(ctx context.Context, out, errw io.Writer) error {
			return writeHeadersPkg(ctx, x, out, errw)
		})
	},
}

// deployFunc finds builddeb's kernel-headers function (its name changed across versions).
var deployFunc = regexp.MustCompile(`(?m)^((?:deploy|install)_kernel_headers) *\(\)`)

func writeHeadersPkg(ctx context.Context, x *ownContext, out, errw io.Writer) error {
	sc := x.d.kernelScope(x.src, x.obj)
	if sc == nil {
		return errorf("headers-pkg: the top Makefile was not evaluated in %s", x.obj)
	}
	sc.mu.Lock()
	env := sc.s.Environ()
	release, _ := sc.s.Var("KERNELRELEASE")
	sc.mu.Unlock()
	release = strings.TrimSpace(release)
	if release == "" {
		return errorf("headers-pkg: no kernel release (include/config/kernel.release)")
	}
	stage, err := os.MkdirTemp(x.obj, ".tmp_headers-pkg")
	if err != nil {
		return err
	}
	defer os.RemoveAll(stage)
	dir, err := stageHeaders(ctx, x.src, x.obj, stage, release, env, out, errw)
	if err != nil {
		return err
	}
	name := "linux-headers-" + release
	mtime, err := buildTime(env, x.src)
	if err != nil {
		return err
	}
	pkg := filepath.Join(x.obj, name+".tar.xz")
	fmt.Fprintf(out, "  PKG     %s\n", filepath.Base(pkg))
	entries, err := headerpkg.WriteFile(pkg, dir, headerpkg.Options{Prefix: name, ModTime: mtime})
	if err != nil {
		return errorf("headers-pkg: %v", err)
	}
	fmt.Fprintf(out, "kbuild-go: %s: %d files\n", pkg, len(entries))
	return nil
}

// stageHeaders runs the tree's own header installation into stage and returns the package directory.
func stageHeaders(ctx context.Context, src, obj, stage, release string, env []string, out, errw io.Writer) (string, error) {
	env = append(env, "KERNELRELEASE="+release)
	if script := filepath.Join(src, "scripts/package/install-extmod-build"); fileExists(script) {
		dir := filepath.Join(stage, "linux-headers-"+release)
		return dir, runScript(ctx, obj, env, out, errw, "sh", script, dir)
	}
	builddeb := filepath.Join(src, "scripts/package/builddeb")
	text, err := os.ReadFile(builddeb)
	if err != nil {
		return "", errorf("headers-pkg: this tree has no header packaging (%v)", err)
	}
	m := deployFunc.FindSubmatch(text)
	if m == nil {
		return "", errorf("headers-pkg: %s has no deploy_kernel_headers or install_kernel_headers function", builddeb)
	}
	// builddeb's own helpers and the function, defined exactly as the tree writes them; the function
	// writes its file lists under debian/ of the current (output) directory, as builddeb does.
	script := `set -e
eval "$(sed -n -e '/^is_enabled()/,/^}/p' -e '/^` + string(m[1]) + ` *()/,/^}/p' "$0")"
version=$KERNELRELEASE
made=; [ -d debian ] || { mkdir debian; made=1; }
` + string(m[1]) + ` "$1"
[ -z "$made" ] || rmdir debian 2>/dev/null || true
`
	if err := runScript(ctx, obj, env, out, errw, "sh", "-c", script, builddeb, stage); err != nil {
		return "", err
	}
	return filepath.Join(stage, "usr/src/linux-headers-"+release), nil
}

func runScript(ctx context.Context, dir string, env []string, out, errw io.Writer, name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env, cmd.Stdout, cmd.Stderr = dir, env, out, errw
	if err := proc.Run(ctx, cmd); err != nil {
		return errorf("headers-pkg: %s: %v", strings.Join(append([]string{name}, args...), " "), err)
	}
	return nil
}

// buildTime is the package's timestamp: KBUILD_BUILD_TIMESTAMP (any date(1) -d string, as the kernel's own
// scripts read it), else SOURCE_DATE_EPOCH, else the source tree's top Makefile's mtime — never the clock,
// so two builds of one tree give the same bytes.
func buildTime(env []string, src string) (time.Time, error) {
	if ts := environ(env).get("KBUILD_BUILD_TIMESTAMP"); ts != "" {
		var stdout bytes.Buffer
		cmd := exec.Command("date", "-d", ts, "+%s")
		cmd.Stdout = &stdout
		if err := proc.Run(context.Background(), cmd); err != nil {
			return time.Time{}, &InputError{Err: fmt.Errorf("KBUILD_BUILD_TIMESTAMP=%q: date cannot read it", ts)}
		}
		return epoch(strings.TrimSpace(stdout.String()), "KBUILD_BUILD_TIMESTAMP")
	}
	if s := environ(env).get("SOURCE_DATE_EPOCH"); s != "" {
		return epoch(s, "SOURCE_DATE_EPOCH")
	}
	st, err := os.Stat(filepath.Join(src, "Makefile"))
	if err != nil {
		return time.Time{}, err
	}
	return st.ModTime(), nil
}

func epoch(s, what string) (time.Time, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return time.Time{}, &InputError{Err: fmt.Errorf("%s=%q: not a number of seconds", what, s)}
	}
	return time.Unix(n, 0), nil
}

// resolvePath is p with its symlinks resolved, or p itself when it cannot be.
func resolvePath(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return filepath.Clean(p)
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

// kernelScope returns the scope of the tree's top Makefile evaluated in the output tree: the make that
// builds (after the O= hand-off, the sub-make in obj; in-tree, the top scope itself). Its variables and
// exported environment are what make gives the tree's scripts.
func (d *driver) kernelScope(src, obj string) *scope {
	d.mu.Lock()
	defer d.mu.Unlock()
	// The top Makefile names its sub-make's directory and file its own way (abs_objtree from `cd && pwd`,
	// abs_srctree from $(realpath)): compare resolved paths, so a symlinked -C or O= finds its scope.
	file, obj := resolvePath(filepath.Join(src, "Makefile")), resolvePath(obj)
	var best *scope
	for _, sc := range d.scopes {
		// Only top Makefiles are candidates: resolving every Makefile.build scope's paths is thousands of
		// lstats per call.
		if filepath.Base(sc.file) != "Makefile" {
			continue
		}
		if resolvePath(sc.file) == file && resolvePath(sc.dir) == obj && (best == nil || sc.key < best.key) {
			best = sc
		}
	}
	return best
}
