package toolchain_test

import (
	"fmt"

	"github.com/kbuild-go/kbuild-go/toolchain"
)

func ExampleSubarch() {
	for _, m := range []string{"x86_64", "i686", "aarch64", "armv7l", "ppc64le", "s390x"} {
		fmt.Print(toolchain.Subarch(m), " ")
	}
	fmt.Println(toolchain.SrcArch("x86_64"))
	// Output: x86 x86 arm64 arm powerpc s390 x86
}

func ExampleMakeProbes_CCOption() {
	m := &toolchain.MakeProbes{CC: "gcc", KbuildCFlags: "-O2"}
	fmt.Println(m.CCOption("-fno-PIE", ""))
	ok, _ := toolchain.Cacheable(m.CCOption("-fno-PIE", ""))
	fmt.Println(ok)
	// Output:
	// set -e; TMP=.tmp_$$/tmp; trap "rm -rf .tmp_$$" EXIT; mkdir -p .tmp_$$; if (  gcc -Werror   -O2 -fno-PIE -c -x c /dev/null -o "$TMP") >/dev/null 2>&1; then echo "-fno-PIE"; else echo ""; fi
	// true
}
