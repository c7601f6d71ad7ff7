// Command bpfinit is the /init of the eBPF proof (issue 8, e2e/proof_test.go): a static Go program, the only
// process of an initramfs booted in qemu on the proof kernel. It mounts proc, sysfs and devtmpfs, then asks
// the kernel it runs on to judge what was built for it:
//
//	(a) prog.o, a socket filter compiled against the kernel's header package: loaded with the verifier's
//	    statistics log, its "processed N insns" line printed, then test-run on an IPv4 packet;
//	(b) core.o, a CO-RE program compiled against the tree's vmlinux.h: relocated against the running
//	    kernel's /sys/kernel/btf/vmlinux, loaded, test-run; it prints the values the relocations produced;
//	(c) hello.ko, an out-of-tree module: loaded with finit_module; its printk is read back from the kernel
//	    log and printed (the console shows only warnings and worse once /init runs: see quietConsole);
//	(d) invalid.o: the verifier's rejection printed;
//	(e) the kernel's own test_module.ko, found through /lib/modules/RELEASE/modules.dep (what the tree's
//	    modules_install and depmod wrote) and loaded as (c).
//
// Every line it prints starts with "PROOF " so the test can find them among the kernel's console messages;
// a step that fails prints "PROOF FAIL <step>: <error>" and the others still run. It ends with "PROOF done"
// and a restart, which qemu's -no-reboot turns into an exit.
package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/btf"
	"golang.org/x/sys/unix"
)

// dir is where the initramfs holds the objects and the module (the test's initramfs list says so too).
const dir = "/proof/"

func main() {
	failed := false
	step := func(name string, f func() error) {
		if err := f(); err != nil {
			failed = true
			fmt.Printf("PROOF FAIL %s: %v\n", name, err)
		}
	}
	step("mount", mounts)
	step("console", quietConsole)
	// No rlimit.RemoveMemlock: 6.1 charges BPF memory to memory cgroups, not RLIMIT_MEMLOCK, and importing
	// cilium/ebpf/rlimit runs a BPF syscall in its init(), before main mounts /proc, which makes cilium/ebpf
	// cache a failed token lookup (/proc/self/mountinfo) and fail every load after it.
	step("prog", progA)
	step("core", coreB)
	step("module", moduleC)
	step("invalid", invalidD)
	step("intree", intreeE)
	if failed {
		fmt.Println("PROOF failed")
	} else {
		fmt.Println("PROOF done")
	}
	// tinyconfig has no ACPI, so LINUX_REBOOT_CMD_POWER_OFF would become a halt (kernel/reboot.c: no
	// pm_power_off) and qemu would wait for its timeout; a restart is an exit under qemu's -no-reboot.
	unix.Sync()
	if err := unix.Reboot(unix.LINUX_REBOOT_CMD_RESTART); err != nil {
		fmt.Printf("PROOF FAIL reboot: %v\n", err)
	}
	select {}
}

// mounts gives cilium/ebpf what it reads: /proc/self/mountinfo, /sys/kernel/btf/vmlinux; /dev for good measure.
func mounts() error {
	for _, m := range []struct{ fs, target string }{{"proc", "/proc"}, {"sysfs", "/sys"}, {"devtmpfs", "/dev"}} {
		if err := os.MkdirAll(m.target, 0o755); err != nil {
			return err
		}
		if err := unix.Mount(m.fs, m.target, m.fs, 0, ""); err != nil {
			return fmt.Errorf("mount %s on %s: %w", m.fs, m.target, err)
		}
	}
	return nil
}

// quietConsole keeps the kernel's info and notice messages off the console from now on (they stay in the
// log buffer): probes that finish late, such as the PS/2 mouse's "input: ..." line, would otherwise be
// printed in the middle of this program's lines. Warnings and worse still show. syslog(2)
// SYSLOG_ACTION_CONSOLE_LEVEL takes the level as its length argument.
func quietConsole() error {
	const level = 5 // print messages below KERN_NOTICE (5): emerg, alert, crit, err, warning
	_, err := unix.Klogctl(unix.SYSLOG_ACTION_CONSOLE_LEVEL, make([]byte, level))
	return err
}

// packet is an Ethernet frame with an IPv4 header and 16 bytes of payload: 14 + 20 + 16 bytes. A socket
// filter's test run pulls the Ethernet header off (eth_type_trans), so the program sees skb->len 36.
func packet() []byte {
	p := make([]byte, 14+20+16)
	p[12], p[13] = 0x08, 0x00 // ETH_P_IP
	p[14] = 0x45              // version 4, header length 5 words
	return p
}

// load loads the one program of an object with the verifier's statistics log and returns it with its
// collection (for the maps), or the verifier's error.
func load(name string, opts ebpf.CollectionOptions) (*ebpf.Collection, *ebpf.Program, error) {
	spec, err := ebpf.LoadCollectionSpec(dir + name)
	if err != nil {
		return nil, nil, err
	}
	if len(spec.Programs) != 1 {
		return nil, nil, fmt.Errorf("%s: %d programs, want 1", name, len(spec.Programs))
	}
	opts.Programs.LogLevel = ebpf.LogLevelStats
	coll, err := ebpf.NewCollectionWithOptions(spec, opts)
	if err != nil {
		return nil, nil, err
	}
	for _, p := range coll.Programs {
		return coll, p, nil
	}
	panic("unreachable")
}

// stats is the verifier's "processed N insns ..." line.
func stats(p *ebpf.Program) string {
	for _, l := range strings.Split(p.VerifierLog, "\n") {
		if strings.HasPrefix(l, "processed ") {
			return l
		}
	}
	return "no statistics in the verifier log: " + p.VerifierLog
}

func progA() error {
	coll, p, err := load("prog.o", ebpf.CollectionOptions{})
	if err != nil {
		return err
	}
	defer coll.Close()
	fmt.Printf("PROOF prog: %s\n", stats(p))
	ret, err := p.Run(&ebpf.RunOptions{Data: packet()})
	if err != nil {
		return fmt.Errorf("test run: %w", err)
	}
	fmt.Printf("PROOF prog: run returned %d\n", ret)
	return nil
}

func coreB() error {
	spec, err := ebpf.LoadCollectionSpec(dir + "core.o")
	if err != nil {
		return err
	}
	n := 0
	for _, ps := range spec.Programs {
		for i := range ps.Instructions {
			if btf.CORERelocationMetadata(&ps.Instructions[i]) != nil {
				n++
			}
		}
	}
	fmt.Printf("PROOF core: %d CO-RE relocations in core.o\n", n)
	// The kernel's own BTF, as the kernel shows it; cilium/ebpf would find it there by itself, but saying so
	// makes the target of the relocations explicit.
	kernel, err := btf.LoadSpec("/sys/kernel/btf/vmlinux")
	if err != nil {
		return fmt.Errorf("the kernel's BTF: %w", err)
	}
	coll, p, err := load("core.o", ebpf.CollectionOptions{Programs: ebpf.ProgramOptions{KernelTypes: kernel}})
	if err != nil {
		return err
	}
	defer coll.Close()
	fmt.Printf("PROOF core: %s\n", stats(p))
	if _, err := p.Run(&ebpf.RunOptions{Data: packet()}); err != nil {
		return fmt.Errorf("test run: %w", err)
	}
	out := coll.Maps["proof_core_out"]
	if out == nil {
		return errors.New("no map proof_core_out")
	}
	var v [3]uint64
	for k := range v {
		if err := out.Lookup(uint32(k), &v[k]); err != nil {
			return fmt.Errorf("lookup %d: %w", k, err)
		}
	}
	fmt.Printf("PROOF core: task_struct.pid offset %d\n", v[0])
	fmt.Printf("PROOF core: task_struct.tgid offset %d\n", v[1])
	fmt.Printf("PROOF core: skb->len %d\n", v[2])
	return nil
}

func moduleC() error {
	l, err := loadModule(dir+"hello.ko", "kbuild-go proof:")
	if err != nil {
		return err
	}
	fmt.Printf("PROOF module: %s\n", l)
	return nil
}

// intreeE loads the module modules.dep lists as kernel/lib/test_module.ko, from the running kernel's
// module directory.
func intreeE() error {
	var uts unix.Utsname
	if err := unix.Uname(&uts); err != nil {
		return err
	}
	mods := "/lib/modules/" + unix.ByteSliceToString(uts.Release[:]) + "/"
	dep, err := os.ReadFile(mods + "modules.dep")
	if err != nil {
		return err
	}
	for _, l := range strings.Split(string(dep), "\n") {
		path, _, ok := strings.Cut(l, ":")
		if !ok || !strings.HasSuffix(path, "/test_module.ko") {
			continue
		}
		line, err := loadModule(mods+path, "test_module: ")
		if err != nil {
			return err
		}
		fmt.Printf("PROOF intree: %s: %s\n", mods+path, line)
		return nil
	}
	return fmt.Errorf("%smodules.dep has no test_module.ko:\n%s", mods, dep)
}

// loadModule loads a module with finit_module and returns the first line of the kernel log that contains
// marker (its printk, read back with syslog(2) READ_ALL).
func loadModule(path, marker string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	if err := unix.FinitModule(int(f.Fd()), "", 0); err != nil {
		return "", fmt.Errorf("finit_module %s: %w", path, err)
	}
	buf := make([]byte, 1<<20)
	n, err := unix.Klogctl(unix.SYSLOG_ACTION_READ_ALL, buf)
	if err != nil {
		return "", fmt.Errorf("syslog: %w", err)
	}
	for _, l := range bytes.Split(buf[:n], []byte("\n")) {
		if bytes.Contains(l, []byte(marker)) {
			return string(l), nil
		}
	}
	return "", fmt.Errorf("%s: its printk (%q) is not in the kernel log", path, marker)
}

func invalidD() error {
	coll, _, err := load("invalid.o", ebpf.CollectionOptions{})
	if err == nil {
		coll.Close()
		return errors.New("the verifier accepted invalid.o")
	}
	var ve *ebpf.VerifierError
	if !errors.As(err, &ve) {
		return fmt.Errorf("not a verifier error: %w", err)
	}
	// The verifier's reason is the last line before its statistics.
	reason := ""
	for _, l := range ve.Log {
		if l == "" || strings.HasPrefix(l, "processed ") || strings.HasPrefix(l, "verification time") || strings.HasPrefix(l, "stack depth") {
			continue
		}
		reason = l
	}
	fmt.Printf("PROOF invalid: rejected: %s\n", reason)
	return nil
}
