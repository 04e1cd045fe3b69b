//go:build amd64 && !purego

#include "textflag.h"

// The UTF-8 check of "Validating UTF-8 In Less Than One Instruction Per
// Byte" (Keiser and Lemire, 2021), 32 bytes at a time with AVX2: three
// table lookups on the nibbles of each byte and the byte before it flag
// the errors a pair of bytes can show (a lead byte not followed by a
// continuation, a continuation after ASCII, overlong forms, surrogates,
// code points past U+10FFFF, two continuations in a row), and the bytes
// two and three before each one say where a third or fourth byte of a
// character must be, which is where two continuations in a row are
// allowed. The error bits of every block are ORed, and tested once.

// Bit meanings of the tables' entries.
#define TOO_SHORT 0x01
#define TOO_LONG 0x02
#define OVERLONG_3 0x04
#define TOO_LARGE 0x08
#define SURROGATE 0x10
#define OVERLONG_2 0x20
#define TOO_LARGE_1000 0x40
#define OVERLONG_4 0x40
#define TWO_CONTS 0x80
#define CARRY 0x83

// byte1High: by the high nibble of the first byte of a pair.
DATA byte1High<>+0x00(SB)/8, $0x0202020202020202
DATA byte1High<>+0x08(SB)/8, $0x4915012180808080
DATA byte1High<>+0x10(SB)/8, $0x0202020202020202
DATA byte1High<>+0x18(SB)/8, $0x4915012180808080
GLOBL byte1High<>(SB), RODATA|NOPTR, $32

// byte1Low: by the low nibble of the first byte of a pair.
DATA byte1Low<>+0x00(SB)/8, $0xcbcbcb8b8383a3e7
DATA byte1Low<>+0x08(SB)/8, $0xcbcbdbcbcbcbcbcb
DATA byte1Low<>+0x10(SB)/8, $0xcbcbcb8b8383a3e7
DATA byte1Low<>+0x18(SB)/8, $0xcbcbdbcbcbcbcbcb
GLOBL byte1Low<>(SB), RODATA|NOPTR, $32

// byte2High: by the high nibble of the second byte of a pair.
DATA byte2High<>+0x00(SB)/8, $0x0101010101010101
DATA byte2High<>+0x08(SB)/8, $0x01010101babaaee6
DATA byte2High<>+0x10(SB)/8, $0x0101010101010101
DATA byte2High<>+0x18(SB)/8, $0x01010101babaaee6
GLOBL byte2High<>(SB), RODATA|NOPTR, $32

DATA nibble<>+0x00(SB)/8, $0x0f0f0f0f0f0f0f0f
DATA nibble<>+0x08(SB)/8, $0x0f0f0f0f0f0f0f0f
DATA nibble<>+0x10(SB)/8, $0x0f0f0f0f0f0f0f0f
DATA nibble<>+0x18(SB)/8, $0x0f0f0f0f0f0f0f0f
GLOBL nibble<>(SB), RODATA|NOPTR, $32

// third: a byte from 0xE0 on, less this, is from 0x80 on.
DATA third<>+0x00(SB)/8, $0x6060606060606060
DATA third<>+0x08(SB)/8, $0x6060606060606060
DATA third<>+0x10(SB)/8, $0x6060606060606060
DATA third<>+0x18(SB)/8, $0x6060606060606060
GLOBL third<>(SB), RODATA|NOPTR, $32

// fourth: a byte from 0xF0 on, less this, is from 0x80 on.
DATA fourth<>+0x00(SB)/8, $0x7070707070707070
DATA fourth<>+0x08(SB)/8, $0x7070707070707070
DATA fourth<>+0x10(SB)/8, $0x7070707070707070
DATA fourth<>+0x18(SB)/8, $0x7070707070707070
GLOBL fourth<>(SB), RODATA|NOPTR, $32

DATA high<>+0x00(SB)/8, $0x8080808080808080
DATA high<>+0x08(SB)/8, $0x8080808080808080
DATA high<>+0x10(SB)/8, $0x8080808080808080
DATA high<>+0x18(SB)/8, $0x8080808080808080
GLOBL high<>(SB), RODATA|NOPTR, $32

// CHECK ORs into Y9 the errors of the block in Y0, Y1 holding the block
// before it, and moves Y0 to Y1. Y10-Y15 hold the tables and constants.
// Y2 is the last 16 bytes before the block and its first 16, from which
// Y3, Y4 and Y5 take the byte one, two and three before each of the
// block's; Y6 ANDs the three lookups into the pairs' errors, and Y4 flags
// where a third or fourth byte must be (a continuation after one).
#define CHECK \
	VPERM2I128 $0x21, Y0, Y1, Y2 \
	VPALIGNR   $15, Y2, Y0, Y3 \
	VPALIGNR   $14, Y2, Y0, Y4 \
	VPALIGNR   $13, Y2, Y0, Y5 \
	VPSRLW     $4, Y3, Y6        \
	VPAND      Y13, Y6, Y6       \
	VPSHUFB    Y6, Y10, Y6       \
	VPAND      Y13, Y3, Y7       \
	VPSHUFB    Y7, Y11, Y7       \
	VPSRLW     $4, Y0, Y8        \
	VPAND      Y13, Y8, Y8       \
	VPSHUFB    Y8, Y12, Y8       \
	VPAND      Y6, Y7, Y6        \
	VPAND      Y8, Y6, Y6 \
	VPSUBUSB   Y14, Y4, Y4       \
	VPSUBUSB   Y15, Y5, Y5       \
	VPOR       Y4, Y5, Y4        \
	VPAND      high<>(SB), Y4, Y4 \
	VPXOR      Y6, Y4, Y4        \
	VPOR       Y4, Y9, Y9        \
	VMOVDQU    Y0, Y1

// The bytes that end a run of a JSON string's content (see ValidRun): '"',
// '\\' and those below 0x20, for which VPMINUB with 0x1F leaves the byte
// as it is. iota is each byte's offset in a block, for the mask of those
// before a stop.
DATA quotes<>+0x00(SB)/8, $0x2222222222222222
DATA quotes<>+0x08(SB)/8, $0x2222222222222222
DATA quotes<>+0x10(SB)/8, $0x2222222222222222
DATA quotes<>+0x18(SB)/8, $0x2222222222222222
GLOBL quotes<>(SB), RODATA|NOPTR, $32

DATA backslashes<>+0x00(SB)/8, $0x5c5c5c5c5c5c5c5c
DATA backslashes<>+0x08(SB)/8, $0x5c5c5c5c5c5c5c5c
DATA backslashes<>+0x10(SB)/8, $0x5c5c5c5c5c5c5c5c
DATA backslashes<>+0x18(SB)/8, $0x5c5c5c5c5c5c5c5c
GLOBL backslashes<>(SB), RODATA|NOPTR, $32

DATA controls<>+0x00(SB)/8, $0x1f1f1f1f1f1f1f1f
DATA controls<>+0x08(SB)/8, $0x1f1f1f1f1f1f1f1f
DATA controls<>+0x10(SB)/8, $0x1f1f1f1f1f1f1f1f
DATA controls<>+0x18(SB)/8, $0x1f1f1f1f1f1f1f1f
GLOBL controls<>(SB), RODATA|NOPTR, $32

DATA iota<>+0x00(SB)/8, $0x0706050403020100
DATA iota<>+0x08(SB)/8, $0x0f0e0d0c0b0a0908
DATA iota<>+0x10(SB)/8, $0x1716151413121110
DATA iota<>+0x18(SB)/8, $0x1f1e1d1c1b1a1918
GLOBL iota<>(SB), RODATA|NOPTR, $32

// STOPS sets AX to the mask of the bytes of Y0 that end a run of string
// content. It uses Y2, Y3 and Y4, which CHECK sets before it reads them.
#define STOPS \
	VPCMPEQB  quotes<>(SB), Y0, Y2      \
	VPCMPEQB  backslashes<>(SB), Y0, Y3 \
	VPMINUB   controls<>(SB), Y0, Y4    \
	VPCMPEQB  Y0, Y4, Y4                \
	VPOR      Y2, Y3, Y2                \
	VPOR      Y2, Y4, Y2                \
	VPMOVMSKB Y2, AX

// func vectorAVX2(p []byte, tail *[32]byte, run bool, dst *byte) (n int, ok bool)
//
// Checks p (whose length is a multiple of 32) followed by tail as UTF-8,
// all of it (run false: n is then len(p)+32), or only up to the first byte
// that ends a run of string content, which tail has (run true: n is its
// offset). ok says whether what was checked is valid. In a run, the block
// with the stop is checked with the stop and the bytes after it zeroed:
// ASCII, which a character cut off there is not followed by. In a run
// with dst not nil, each block of p read is also stored at the same
// offset from dst, which has room for all of p: the text is copied as it
// is checked, in one pass rather than two (tail's bytes are not stored).
// One function for all of it, so that a client that copies the runtime
// and never calls ValidRun (one with no JSON) still has a declaration for
// all its assembly.
TEXT ·vectorAVX2(SB), NOSPLIT, $0-57
	MOVQ    p_base+0(FP), SI
	MOVQ    p_len+8(FP), CX
	MOVQ    SI, DI
	VMOVDQU byte1High<>(SB), Y10
	VMOVDQU byte1Low<>(SB), Y11
	VMOVDQU byte2High<>(SB), Y12
	VMOVDQU nibble<>(SB), Y13
	VMOVDQU third<>(SB), Y14
	VMOVDQU fourth<>(SB), Y15
	VPXOR   Y1, Y1, Y1
	VPXOR   Y9, Y9, Y9
	SHRQ    $5, CX
	CMPB    run+32(FP), $0
	JNE     runStart
	TESTQ   CX, CX
	JZ      last

loop:
	VMOVDQU (SI), Y0
	CHECK
	ADDQ    $32, SI
	DECQ    CX
	JNZ     loop

last:
	MOVQ    tail+24(FP), DX
	VMOVDQU (DX), Y0
	CHECK
	SUBQ    DI, SI
	ADDQ    $32, SI
	MOVQ    SI, n+48(FP)
	VPTEST  Y9, Y9
	SETEQ   ok+56(FP)
	VZEROUPPER
	RET

runStart:
	MOVQ  dst+40(FP), DX
	TESTQ CX, CX
	JZ    runTail
	TESTQ DX, DX
	JNZ   copyLoop

runLoop:
	VMOVDQU (SI), Y0
	STOPS
	TESTL   AX, AX
	JNZ     found
	CHECK
	ADDQ    $32, SI
	DECQ    CX
	JNZ     runLoop

	JMP runTail

copyLoop:
	VMOVDQU (SI), Y0
	VMOVDQU Y0, (DX)
	STOPS
	TESTL   AX, AX
	JNZ     found
	CHECK
	ADDQ    $32, SI
	ADDQ    $32, DX
	DECQ    CX
	JNZ     copyLoop

runTail:
	MOVQ    SI, R8 // the offset of tail's bytes in the run: SI-DI
	MOVQ    tail+24(FP), SI
	SUBQ    DI, R8
	MOVQ    SI, DI
	SUBQ    R8, DI
	VMOVDQU (SI), Y0
	STOPS

found:
	BSFL         AX, CX
	VMOVD        CX, X5
	VPBROADCASTB X5, Y5
	VPCMPGTB     iota<>(SB), Y5, Y5 // the bytes before the stop
	VPAND        Y5, Y0, Y0
	CHECK
	SUBQ         DI, SI
	ADDQ         CX, SI
	MOVQ         SI, n+48(FP)
	VPTEST       Y9, Y9
	SETEQ        ok+56(FP)
	VZEROUPPER
	RET

// func haveAVX2() bool
TEXT ·haveAVX2(SB), NOSPLIT, $0-1
	MOVL  $1, AX
	XORL  CX, CX
	CPUID
	ANDL  $0x18000000, CX // OSXSAVE and AVX
	CMPL  CX, $0x18000000
	JNE   no
	XORL  CX, CX
	XGETBV
	ANDL  $6, AX // the XMM and YMM state saved by the OS
	CMPL  AX, $6
	JNE   no
	MOVL  $7, AX
	XORL  CX, CX
	CPUID
	BTL   $5, BX // AVX2
	JCC   no
	MOVB  $1, ret+0(FP)
	RET

no:
	MOVB $0, ret+0(FP)
	RET
