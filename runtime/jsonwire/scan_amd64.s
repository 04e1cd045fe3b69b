//go:build amd64 && !purego

#include "textflag.h"

// The search for the end of a run of string content, 32 bytes at a time
// with AVX2 (scan_amd64.go).

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

// STOPS sets in Y1 the bytes of Y0 that end a run of string content:
// '"' (Y10), '\\' (Y11) and control characters, those no greater than 0x1F
// (Y12).
#define STOPS \
	VPCMPEQB Y0, Y10, Y1 \
	VPCMPEQB Y0, Y11, Y2 \
	VPMINUB  Y0, Y12, Y3 \
	VPCMPEQB Y0, Y3, Y3  \
	VPOR     Y1, Y2, Y1  \
	VPOR     Y1, Y3, Y1

// BELOW sets DX to the mask of the CX lowest bits: the bytes of a block
// before its stop, CX.
#define BELOW \
	MOVL $1, DX  \
	SHLL CX, DX  \
	DECL DX

// func stopRunAVX2(p []byte) (n int, wide bool)
//
// n is the offset of the first '"', '\\' or control character (below
// 0x20) of p, whose length is a multiple of 32, or len(p); wide is
// whether a byte from 0x80 on comes before it.
TEXT ·stopRunAVX2(SB), NOSPLIT, $0-33
	MOVQ    p_base+0(FP), SI
	MOVQ    p_len+8(FP), CX
	MOVQ    SI, DI
	VMOVDQU quotes<>(SB), Y10
	VMOVDQU backslashes<>(SB), Y11
	VMOVDQU controls<>(SB), Y12
	VPXOR   Y9, Y9, Y9 // the blocks passed, ORed
	SHRQ    $5, CX
	JZ      none

loop:
	VMOVDQU   (SI), Y0
	STOPS
	VPMOVMSKB Y1, AX
	TESTL     AX, AX
	JNZ       found
	VPOR      Y0, Y9, Y9
	ADDQ      $32, SI
	DECQ      CX
	JNZ       loop

none:
	VPMOVMSKB Y9, BX
	SUBQ      DI, SI
	MOVQ      SI, n+24(FP)
	TESTL     BX, BX
	SETNE     wide+32(FP)
	VZEROUPPER
	RET

found:
	BSFL      AX, CX // the stop's offset in the block
	VPMOVMSKB Y0, BX // the block's bytes from 0x80 on
	BELOW
	ANDL      DX, BX // those before the stop
	VPMOVMSKB Y9, DX
	ORL       DX, BX
	SUBQ      DI, SI
	ADDQ      CX, SI
	MOVQ      SI, n+24(FP)
	TESTL     BX, BX
	SETNE     wide+32(FP)
	VZEROUPPER
	RET

// func shortRunAVX2(p, dst *byte) (n int, wide bool)
//
// Reads the 32 bytes at p, stores them at dst, and returns the offset of
// the first '"', '\\' or control character among them (32 if none) and
// whether a byte from 0x80 on comes before it.
TEXT ·shortRunAVX2(SB), NOSPLIT, $0-25
	MOVQ      p+0(FP), SI
	MOVQ      dst+8(FP), DI
	VMOVDQU   (SI), Y0
	VMOVDQU   Y0, (DI)
	VMOVDQU   quotes<>(SB), Y10
	VMOVDQU   backslashes<>(SB), Y11
	VMOVDQU   controls<>(SB), Y12
	STOPS
	VPMOVMSKB Y1, AX
	VPMOVMSKB Y0, BX
	VZEROUPPER
	MOVL      $32, CX
	TESTL     AX, AX
	JZ        done
	BSFL      AX, CX
	BELOW
	ANDL      DX, BX // the bytes from 0x80 on before the stop

done:
	MOVQ  CX, n+16(FP)
	TESTL BX, BX
	SETNE wide+24(FP)
	RET
