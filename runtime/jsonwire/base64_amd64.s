//go:build amd64 && !purego

#include "textflag.h"

// Base64 decoding 32 characters at a time with AVX2 (base64_amd64.go): each
// character is checked against the alphabet by two table lookups, one by
// its low four bits and one by its high four, that share a bit only for a
// byte outside it; its six bits come from adding an offset looked up by
// its high four bits ('/' has its own); multiply-adds pack four six-bit
// values into three bytes, and shuffles put the 24 bytes together.

// b64lo[l] has a bit for each class of high halves h for which h<<4|l is
// not base64: 0x10 for 0, 1 and 8 to 15 (no character), 0x01 for 2 (only
// '+' and '/'), 0x02 for 3 (digits), 0x04 for 4 and 6 ('@' and '`' are
// not), 0x08 for 5 and 7 (nor '[' to '_', '{' to 0x7f).
DATA b64lo<>+0x00(SB)/8, $0x1111111111111115
DATA b64lo<>+0x08(SB)/8, $0x1a1b1b1b1a131111
DATA b64lo<>+0x10(SB)/8, $0x1111111111111115
DATA b64lo<>+0x18(SB)/8, $0x1a1b1b1b1a131111
GLOBL b64lo<>(SB), RODATA|NOPTR, $32

// b64hi[h] is the class bit of high half h.
DATA b64hi<>+0x00(SB)/8, $0x0804080402011010
DATA b64hi<>+0x08(SB)/8, $0x1010101010101010
DATA b64hi<>+0x10(SB)/8, $0x0804080402011010
DATA b64hi<>+0x18(SB)/8, $0x1010101010101010
GLOBL b64hi<>(SB), RODATA|NOPTR, $32

// b64roll[h] is what to add to a character of high half h for its value:
// '+' +19, '0'-'9' +4, 'A'-'Z' -65, 'a'-'z' -71; '/' takes index 1 (h-1),
// +16.
DATA b64roll<>+0x00(SB)/8, $0xb9b9bfbf04131000
DATA b64roll<>+0x08(SB)/8, $0x0000000000000000
DATA b64roll<>+0x10(SB)/8, $0xb9b9bfbf04131000
DATA b64roll<>+0x18(SB)/8, $0x0000000000000000
GLOBL b64roll<>(SB), RODATA|NOPTR, $32

DATA b64nibble<>+0x00(SB)/8, $0x0f0f0f0f0f0f0f0f
DATA b64nibble<>+0x08(SB)/8, $0x0f0f0f0f0f0f0f0f
DATA b64nibble<>+0x10(SB)/8, $0x0f0f0f0f0f0f0f0f
DATA b64nibble<>+0x18(SB)/8, $0x0f0f0f0f0f0f0f0f
GLOBL b64nibble<>(SB), RODATA|NOPTR, $32

DATA b64slash<>+0x00(SB)/8, $0x2f2f2f2f2f2f2f2f
DATA b64slash<>+0x08(SB)/8, $0x2f2f2f2f2f2f2f2f
DATA b64slash<>+0x10(SB)/8, $0x2f2f2f2f2f2f2f2f
DATA b64slash<>+0x18(SB)/8, $0x2f2f2f2f2f2f2f2f
GLOBL b64slash<>(SB), RODATA|NOPTR, $32

// b64pairs multiplies the first value of each pair by 64 (0x40) and the
// second by 1; b64quads the first pair of each four by 4096 and the
// second by 1: a 32-bit lane then holds its four values' 24 bits.
DATA b64pairs<>+0x00(SB)/8, $0x0140014001400140
DATA b64pairs<>+0x08(SB)/8, $0x0140014001400140
DATA b64pairs<>+0x10(SB)/8, $0x0140014001400140
DATA b64pairs<>+0x18(SB)/8, $0x0140014001400140
GLOBL b64pairs<>(SB), RODATA|NOPTR, $32

DATA b64quads<>+0x00(SB)/8, $0x0001100000011000
DATA b64quads<>+0x08(SB)/8, $0x0001100000011000
DATA b64quads<>+0x10(SB)/8, $0x0001100000011000
DATA b64quads<>+0x18(SB)/8, $0x0001100000011000
GLOBL b64quads<>(SB), RODATA|NOPTR, $32

// b64bytes puts each lane's three bytes highest first and the four lanes
// of a 128-bit half together (0x80: zero).
DATA b64bytes<>+0x00(SB)/8, $0x090a040506000102
DATA b64bytes<>+0x08(SB)/8, $0x808080800c0d0e08
DATA b64bytes<>+0x10(SB)/8, $0x090a040506000102
DATA b64bytes<>+0x18(SB)/8, $0x808080800c0d0e08
GLOBL b64bytes<>(SB), RODATA|NOPTR, $32

// b64halves puts the two halves' twelve bytes together.
DATA b64halves<>+0x00(SB)/8, $0x0000000100000000
DATA b64halves<>+0x08(SB)/8, $0x0000000400000002
DATA b64halves<>+0x10(SB)/8, $0x0000000600000005
DATA b64halves<>+0x18(SB)/8, $0x0000000000000000
GLOBL b64halves<>(SB), RODATA|NOPTR, $32

// func decodeBlocksAVX2(dst, src *byte, blocks int) int
TEXT ·decodeBlocksAVX2(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ blocks+16(FP), CX
	XORQ AX, AX
	VMOVDQU b64lo<>(SB), Y8
	VMOVDQU b64hi<>(SB), Y9
	VMOVDQU b64roll<>(SB), Y10
	VMOVDQU b64nibble<>(SB), Y11
	VMOVDQU b64slash<>(SB), Y12
	VMOVDQU b64pairs<>(SB), Y13
	VMOVDQU b64quads<>(SB), Y14
	VMOVDQU b64bytes<>(SB), Y6
	VMOVDQU b64halves<>(SB), Y7

loop:
	CMPQ AX, CX
	JGE  done
	VMOVDQU (SI), Y0
	VPSRLD  $4, Y0, Y1
	VPAND   Y11, Y1, Y1 // high halves
	VPAND   Y11, Y0, Y2 // low halves
	VPSHUFB Y2, Y8, Y3
	VPSHUFB Y1, Y9, Y4
	VPTEST  Y3, Y4
	JNZ     done        // a byte outside the alphabet
	VPCMPEQB Y12, Y0, Y5
	VPADDB   Y5, Y1, Y5 // '/' looks up index 1
	VPSHUFB  Y5, Y10, Y5
	VPADDB   Y5, Y0, Y0 // six-bit values
	VPMADDUBSW Y13, Y0, Y0
	VPMADDWD   Y14, Y0, Y0
	VPSHUFB    Y6, Y0, Y0
	VPERMD     Y0, Y7, Y0
	VMOVDQU    Y0, (DI)
	ADDQ $32, SI
	ADDQ $24, DI
	INCQ AX
	JMP  loop

done:
	VZEROUPPER
	MOVQ AX, ret+24(FP)
	RET
