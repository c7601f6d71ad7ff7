package kconfig

import "testing"

// glibc: srand(1); rand() gives 1804289383, 846930886, 1681692777.
func TestGlibcRand(t *testing.T) {
	g := newGlibcRand(1)
	for i, want := range []int{1804289383, 846930886, 1681692777, 1714636915, 1957747793} {
		if got := g.Int(); got != want {
			t.Errorf("rand #%d = %d, want %d", i, got, want)
		}
	}
	// Sum of 5000 rand()%100 after srand(0x1234), from a C program on glibc.
	g = newGlibcRand(0x1234)
	sum := 0
	for i := 0; i < 5000; i++ {
		sum += g.Int() % 100
	}
	if sum != 244808 {
		t.Errorf("sum = %d, want 244808", sum)
	}
}
