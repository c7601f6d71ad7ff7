//go:build race

package kconfig

// raceEnabled reports whether the test binary was built with -race; the
// differential suite runs a smaller matrix then (see TestDifferential).
const raceEnabled = true
