package kconfig

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// kernelTest is one test function of the kernel's scripts/kconfig/tests
// (Linux 6.1), restated from its __init__.py; the Kconfig, input and
// expected files are in testdata/kconfig-tests (see its README).
type kernelTest struct {
	name string // directory/function
	dir  string
	// mode is conf's option: oldaskconfig, oldconfig, olddefconfig,
	// defconfig (with file), allyesconfig, ...
	mode, file string
	dotConfig  string // file copied to .config first
	keys       string // typed first; then, in the interactive modes, newlines forever
	fail       bool   // conf must exit non-zero
	// Checks: which output must contain (…Contains) or equal (…Matches)
	// which expected file.
	configContains, configMatches string
	stdoutContains, stdoutMatches string
	stderrContains, stderrMatches string
}

var kernelTests = []kernelTest{
	{name: "auto_submenu", dir: "auto_submenu", mode: "oldaskconfig", stdoutContains: "expected_stdout"},
	{name: "choice/oldask0", dir: "choice", mode: "oldaskconfig", stdoutContains: "oldask0_expected_stdout"},
	{name: "choice/oldask1", dir: "choice", mode: "oldaskconfig", dotConfig: "oldask1_config", stdoutContains: "oldask1_expected_stdout"},
	{name: "choice/allyes", dir: "choice", mode: "allyesconfig", configContains: "allyes_expected_config"},
	{name: "choice/allmod", dir: "choice", mode: "allmodconfig", configContains: "allmod_expected_config"},
	{name: "choice/allno", dir: "choice", mode: "allnoconfig", configContains: "allno_expected_config"},
	{name: "choice/alldef", dir: "choice", mode: "alldefconfig", configContains: "alldef_expected_config"},
	{name: "choice_value_with_m_dep", dir: "choice_value_with_m_dep", mode: "oldaskconfig", dotConfig: "config", keys: "y",
		configContains: "expected_config", stdoutContains: "expected_stdout"},
	{name: "err_recursive_dep", dir: "err_recursive_dep", mode: "oldaskconfig", fail: true, stderrContains: "expected_stderr"},
	{name: "err_recursive_inc", dir: "err_recursive_inc", mode: "oldaskconfig", fail: true, stderrContains: "expected_stderr"},
	{name: "inter_choice", dir: "inter_choice", mode: "defconfig", file: "defconfig", configContains: "expected_config"},
	{name: "new_choice_with_dep", dir: "new_choice_with_dep", mode: "oldconfig", dotConfig: "config", keys: "y",
		stdoutContains: "expected_stdout"},
	{name: "no_write_if_dep_unmet", dir: "no_write_if_dep_unmet", mode: "oldaskconfig", dotConfig: "config", keys: "n",
		configMatches: "expected_config"},
	{name: "preprocess/builtin_func", dir: "preprocess/builtin_func", mode: "oldaskconfig",
		stdoutContains: "expected_stdout", stderrMatches: "expected_stderr"},
	{name: "preprocess/circular_expansion", dir: "preprocess/circular_expansion", mode: "oldaskconfig", fail: true,
		stderrMatches: "expected_stderr"},
	{name: "preprocess/escape", dir: "preprocess/escape", mode: "oldaskconfig", stderrMatches: "expected_stderr"},
	{name: "preprocess/variable", dir: "preprocess/variable", mode: "oldaskconfig", stderrMatches: "expected_stderr"},
}

// newlines is what conftest.py writes to an interactive conf after the
// keys: a newline whenever conf waits, until it exits.
type newlines struct{}

func (newlines) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = '\n'
	}
	return len(p), nil
}

// kernelTestResult is what conftest.py's Conf records of one run.
type kernelTestResult struct {
	failed                 bool
	config, stdout, stderr string
}

func (kt kernelTest) stdin() io.Reader {
	if kt.mode == "oldaskconfig" || kt.mode == "oldconfig" {
		return io.MultiReader(strings.NewReader(kt.keys), newlines{})
	}
	return strings.NewReader(kt.keys)
}

// runKconfig runs kt through Load and Run, as conftest.py runs conf: in an
// empty temporary directory with srctree set to the test directory and
// KCONFIG_DEFCONFIG_LIST empty.
func (kt kernelTest) runKconfig(t *testing.T, src string) kernelTestResult {
	obj := kt.prepare(t, src)
	var out, errb bytes.Buffer
	env := []string{"PATH=" + os.Getenv("PATH"), "srctree=" + src, "KCONFIG_DEFCONFIG_LIST="}
	c, err := Load(Options{ObjTree: obj, Env: env, Stdout: &out, Stderr: &errb, Stdin: kt.stdin()})
	if err == nil {
		arg := ""
		if kt.file != "" {
			arg = filepath.Join(src, kt.file)
		}
		err = c.Run(kt.mode, arg)
	}
	return kt.result(t, obj, err != nil, out.String(), errb.String())
}

// runConf runs kt through the C conf, with conftest.py's command line.
func (kt kernelTest) runConf(t *testing.T, conf, src string) kernelTestResult {
	obj := kt.prepare(t, src)
	opt := "--" + kt.mode
	if kt.file != "" {
		opt += "=" + filepath.Join(src, kt.file)
	}
	var out, errb bytes.Buffer
	cmd := exec.Command(conf, opt, "Kconfig")
	cmd.Dir = obj
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "srctree=" + src, "KCONFIG_DEFCONFIG_LIST="}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = kt.stdin(), &out, &errb
	err := cmd.Run()
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatal(err)
	}
	return kt.result(t, obj, err != nil, out.String(), errb.String())
}

func (kt kernelTest) prepare(t *testing.T, src string) string {
	obj := t.TempDir()
	if kt.dotConfig != "" {
		b, err := os.ReadFile(filepath.Join(src, kt.dotConfig))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(obj, ".config"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return obj
}

func (kt kernelTest) result(t *testing.T, obj string, failed bool, stdout, stderr string) kernelTestResult {
	r := kernelTestResult{failed: failed, stdout: stdout, stderr: stderr}
	if !failed {
		b, err := os.ReadFile(filepath.Join(obj, ".config"))
		if err != nil {
			t.Fatalf("no .config written: %v", err)
		}
		r.config = string(b)
	}
	return r
}

// check applies the assertions of kt's __init__.py to r.
func (kt kernelTest) check(t *testing.T, src string, r kernelTestResult) {
	t.Helper()
	if r.failed != kt.fail {
		t.Errorf("failed = %v, want %v\nstderr:\n%s", r.failed, kt.fail, r.stderr)
	}
	for _, c := range []struct {
		what, got, file string
		exact           bool
	}{
		{"config", r.config, kt.configContains, false}, {"config", r.config, kt.configMatches, true},
		{"stdout", r.stdout, kt.stdoutContains, false}, {"stdout", r.stdout, kt.stdoutMatches, true},
		{"stderr", r.stderr, kt.stderrContains, false}, {"stderr", r.stderr, kt.stderrMatches, true},
	} {
		if c.file == "" {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, c.file))
		if err != nil {
			t.Fatal(err)
		}
		want := string(b)
		if c.exact && c.got != want {
			t.Errorf("%s does not match %s:\n--- got\n%s--- want\n%s", c.what, c.file, c.got, want)
		}
		if !c.exact && !strings.Contains(c.got, want) {
			t.Errorf("%s does not contain %s:\n--- got\n%s--- want\n%s", c.what, c.file, c.got, want)
		}
	}
}

// TestKernelKconfigTests is the kernel's own Kconfig test suite
// (scripts/kconfig/tests, run there by pytest through conftest.py), with its
// expected outputs: each case runs through this package and must pass the
// case's assertions. When the C conf can be built, every case also runs
// through conf, which checks that this port of the harness is faithful.
func TestKernelKconfigTests(t *testing.T) {
	for _, kt := range kernelTests {
		t.Run(kt.name, func(t *testing.T) {
			src, err := filepath.Abs(filepath.Join("testdata/kconfig-tests", kt.dir))
			if err != nil {
				t.Fatal(err)
			}
			t.Run("kconfig", func(t *testing.T) { kt.check(t, src, kt.runKconfig(t, src)) })
			t.Run("conf", func(t *testing.T) {
				conf := buildRefConf(t)
				kt.check(t, src, kt.runConf(t, conf, src))
			})
		})
	}
}
