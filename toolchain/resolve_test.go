package toolchain

import "testing"

func TestResolve(t *testing.T) {
	tests := []struct {
		name    string
		cmdline map[string]string
		env     []string
		envOver bool
		want    map[string]string
		origins map[string]Origin
	}{
		{
			name: "defaults",
			env:  []string{"CC=cc", "LD=gold", "HOSTCC=clang"}, // a shell's CC=cc is not used: the Makefile assigns CC
			want: map[string]string{"SUBARCH": "x86", "ARCH": "x86", "SRCARCH": "x86", "CC": "gcc", "CPP": "gcc -E",
				"LD": "ld", "AR": "ar", "NM": "nm", "OBJCOPY": "objcopy", "OBJDUMP": "objdump", "READELF": "readelf",
				"STRIP": "strip", "HOSTCC": "gcc", "HOSTCXX": "g++", "CROSS_COMPILE": "", "CONFIG_SHELL": "sh",
				"UTS_MACHINE": "x86", "PAHOLE": "pahole"},
			origins: map[string]Origin{"CC": OriginFile, "ARCH": OriginFile, "CROSS_COMPILE": OriginUndefined},
		},
		{
			name:    "CROSS_COMPILE=aarch64-linux-gnu- ARCH=arm64",
			cmdline: map[string]string{"CROSS_COMPILE": "aarch64-linux-gnu-", "ARCH": "arm64"},
			want: map[string]string{"ARCH": "arm64", "SRCARCH": "arm64", "CC": "aarch64-linux-gnu-gcc",
				"LD": "aarch64-linux-gnu-ld", "AR": "aarch64-linux-gnu-ar", "OBJCOPY": "aarch64-linux-gnu-objcopy",
				"STRIP": "aarch64-linux-gnu-strip", "HOSTCC": "gcc", "CPP": "aarch64-linux-gnu-gcc -E"},
			origins: map[string]Origin{"CROSS_COMPILE": OriginCommandLine, "ARCH": OriginCommandLine, "CC": OriginFile},
		},
		{
			name: "CROSS_COMPILE and ARCH from the environment",
			env:  []string{"CROSS_COMPILE=riscv64-linux-gnu-", "ARCH=riscv"},
			want: map[string]string{"ARCH": "riscv", "SRCARCH": "riscv", "CC": "riscv64-linux-gnu-gcc",
				"LD": "riscv64-linux-gnu-ld"},
			origins: map[string]Origin{"CROSS_COMPILE": OriginEnvironment, "ARCH": OriginEnvironment},
		},
		{
			name:    "LLVM=1",
			cmdline: map[string]string{"LLVM": "1"},
			want: map[string]string{"CC": "clang", "LD": "ld.lld", "AR": "llvm-ar", "NM": "llvm-nm",
				"OBJCOPY": "llvm-objcopy", "OBJDUMP": "llvm-objdump", "READELF": "llvm-readelf",
				"STRIP": "llvm-strip", "HOSTCC": "clang", "HOSTCXX": "clang++", "CPP": "clang -E",
				"LLVM_PREFIX": "", "LLVM_SUFFIX": ""},
		},
		{
			name:    "LLVM=/usr/lib/llvm-14/bin/",
			cmdline: map[string]string{"LLVM": "/usr/lib/llvm-14/bin/"},
			want: map[string]string{"CC": "/usr/lib/llvm-14/bin/clang", "LD": "/usr/lib/llvm-14/bin/ld.lld",
				"AR": "/usr/lib/llvm-14/bin/llvm-ar", "HOSTCC": "/usr/lib/llvm-14/bin/clang",
				"HOSTCXX": "/usr/lib/llvm-14/bin/clang++", "LLVM_PREFIX": "/usr/lib/llvm-14/bin/", "LLVM_SUFFIX": ""},
			origins: map[string]Origin{"LLVM_PREFIX": OriginFile},
		},
		{
			name:    "LLVM=-14",
			cmdline: map[string]string{"LLVM": "-14"},
			want: map[string]string{"CC": "clang-14", "LD": "ld.lld-14", "AR": "llvm-ar-14", "STRIP": "llvm-strip-14",
				"HOSTCC": "clang-14", "HOSTCXX": "clang++-14", "LLVM_SUFFIX": "-14", "LLVM_PREFIX": ""},
		},
		{
			name:    "LLVM=1 with CROSS_COMPILE keeps LLVM names",
			cmdline: map[string]string{"LLVM": "1", "CROSS_COMPILE": "aarch64-linux-gnu-", "ARCH": "arm64"},
			want:    map[string]string{"CC": "clang", "LD": "ld.lld", "CROSS_COMPILE": "aarch64-linux-gnu-"},
		},
		{
			name:    "LLVM=1 sees an environment LLVM_PREFIX, as make does",
			cmdline: map[string]string{"LLVM": "1"},
			env:     []string{"LLVM_PREFIX=/opt/llvm/"},
			want:    map[string]string{"CC": "/opt/llvm/clang", "LLVM_PREFIX": "/opt/llvm/"},
			origins: map[string]Origin{"LLVM_PREFIX": OriginEnvironment},
		},
		{
			name:    "explicit CC and HOSTCC on the command line",
			cmdline: map[string]string{"CC": "ccache gcc-12", "HOSTCC": "clang", "LD": "ld.bfd", "CROSS_COMPILE": "x-"},
			want: map[string]string{"CC": "ccache gcc-12", "CPP": "ccache gcc-12 -E", "HOSTCC": "clang",
				"HOSTCXX": "g++", "LD": "ld.bfd", "AR": "x-ar"},
			origins: map[string]Origin{"CC": OriginCommandLine, "CPP": OriginFile},
		},
		{
			name:    "command-line CC referencing CROSS_COMPILE",
			cmdline: map[string]string{"CC": "$(CROSS_COMPILE)gcc-12", "CROSS_COMPILE": "arm-linux-gnueabi-"},
			want:    map[string]string{"CC": "arm-linux-gnueabi-gcc-12"},
		},
		{
			name:    "make -e lets the environment beat the Makefile",
			env:     []string{"CC=cc", "HOSTCC=clang"},
			envOver: true,
			want:    map[string]string{"CC": "cc", "CPP": "cc -E", "HOSTCC": "clang", "LD": "ld"},
			origins: map[string]Origin{"CC": OriginEnvironment},
		},
		{
			name:    "command line beats environment",
			cmdline: map[string]string{"ARCH": "i386", "CROSS_COMPILE": ""},
			env:     []string{"ARCH=arm64", "CROSS_COMPILE=aarch64-linux-gnu-"},
			want:    map[string]string{"ARCH": "i386", "SRCARCH": "x86", "UTS_MACHINE": "i386", "CC": "gcc"},
		},
		{
			name:    "HOSTLD and HOSTAR pass through",
			cmdline: map[string]string{"HOSTLD": "ld.lld"},
			env:     []string{"HOSTAR=llvm-ar"},
			want:    map[string]string{"HOSTLD": "ld.lld", "HOSTAR": "llvm-ar"},
		},
		{
			name:    "SUBARCH from the command line (ARCH=um builds)",
			cmdline: map[string]string{"SUBARCH": "i386", "ARCH": "um"},
			want:    map[string]string{"SUBARCH": "i386", "ARCH": "um", "SRCARCH": "um"},
		},
		{
			name:    "sparc64, parisc64, sh64",
			cmdline: map[string]string{"ARCH": "sparc64"},
			want:    map[string]string{"SRCARCH": "sparc", "UTS_MACHINE": "sparc64"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tools, err := Resolve(Input{CommandLine: tt.cmdline, Environ: tt.env, EnvironmentOverrides: tt.envOver,
				Machine: "x86_64"})
			if err != nil {
				t.Fatal(err)
			}
			for name, want := range tt.want {
				v, ok := tools.Get(name)
				if !ok && want != "" {
					t.Errorf("%s not resolved", name)
					continue
				}
				if v.Value != want {
					t.Errorf("%s = %q, want %q", name, v.Value, want)
				}
			}
			for name, want := range tt.origins {
				if v, _ := tools.Get(name); v.Origin != want {
					t.Errorf("origin of %s = %v, want %v", name, v.Origin, want)
				}
			}
			// The typed fields agree with Vars.
			for name, field := range map[string]string{"CC": tools.CC, "LD": tools.LD, "HOSTCC": tools.HOSTCC,
				"ARCH": tools.Arch, "SRCARCH": tools.SrcArch, "CPP": tools.CPP, "STRIP": tools.STRIP} {
				if v, _ := tools.Get(name); v.Value != field {
					t.Errorf("field %s = %q, Vars say %q", name, field, v.Value)
				}
			}
		})
	}
}

func TestResolveDefinitionsFollowLaterAssignments(t *testing.T) {
	tools, err := Resolve(Input{Machine: "x86_64"})
	if err != nil {
		t.Fatal(err)
	}
	cc, _ := tools.Get("CC")
	if cc.Definition != "$(CROSS_COMPILE)gcc" || cc.Flavor != Recursive {
		t.Errorf("CC definition %q flavor %v", cc.Definition, cc.Flavor)
	}
	sa, _ := tools.Get("SRCARCH")
	if sa.Definition != "x86" || sa.Flavor != Simple {
		t.Errorf("SRCARCH definition %q flavor %v", sa.Definition, sa.Flavor)
	}
	if OriginCommandLine.String() != "command line" || OriginFile.String() != "file" {
		t.Error("Origin.String")
	}
}

func TestResolveRunsUname(t *testing.T) {
	tools, err := Resolve(Input{})
	if err != nil {
		t.Fatal(err)
	}
	if tools.Subarch == "" || tools.Arch != tools.Subarch {
		t.Errorf("SUBARCH %q ARCH %q", tools.Subarch, tools.Arch)
	}
}
