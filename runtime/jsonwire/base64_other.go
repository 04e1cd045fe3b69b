//go:build !amd64 || purego

package jsonwire

// vectorBlocks decodes nothing where there is no vector version.
func vectorBlocks(dst, src []byte) (n, m int) { return 0, 0 }
