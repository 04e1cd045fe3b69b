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

// unescapes1 maps the byte after a backslash to what a one-byte escape
// stands for, 0 for any other (decoder.go's unescapes, for
// unquoteRunAVX2).
DATA unescapes1<>+0x22(SB)/1, $0x22 // \"
DATA unescapes1<>+0x2f(SB)/1, $0x2f // \/
DATA unescapes1<>+0x5c(SB)/1, $0x5c // \\
DATA unescapes1<>+0x62(SB)/1, $0x08 // \b
DATA unescapes1<>+0x66(SB)/1, $0x0c // \f
DATA unescapes1<>+0x6e(SB)/1, $0x0a // \n
DATA unescapes1<>+0x72(SB)/1, $0x0d // \r
DATA unescapes1<>+0x74(SB)/1, $0x09 // \t
GLOBL unescapes1<>(SB), RODATA|NOPTR, $256

// hexdigits maps a hex digit to its value and every other byte to 0xFF
// (decoder.go's hexValues, for unquoteRunAVX2).
DATA hexdigits<>+0x00(SB)/8, $0xffffffffffffffff
DATA hexdigits<>+0x08(SB)/8, $0xffffffffffffffff
DATA hexdigits<>+0x10(SB)/8, $0xffffffffffffffff
DATA hexdigits<>+0x18(SB)/8, $0xffffffffffffffff
DATA hexdigits<>+0x20(SB)/8, $0xffffffffffffffff
DATA hexdigits<>+0x28(SB)/8, $0xffffffffffffffff
DATA hexdigits<>+0x30(SB)/8, $0x0706050403020100
DATA hexdigits<>+0x38(SB)/8, $0xffffffffffff0908
DATA hexdigits<>+0x40(SB)/8, $0xff0f0e0d0c0b0aff
DATA hexdigits<>+0x48(SB)/8, $0xffffffffffffffff
DATA hexdigits<>+0x50(SB)/8, $0xffffffffffffffff
DATA hexdigits<>+0x58(SB)/8, $0xffffffffffffffff
DATA hexdigits<>+0x60(SB)/8, $0xff0f0e0d0c0b0aff
DATA hexdigits<>+0x68(SB)/8, $0xffffffffffffffff
DATA hexdigits<>+0x70(SB)/8, $0xffffffffffffffff
DATA hexdigits<>+0x78(SB)/8, $0xffffffffffffffff
DATA hexdigits<>+0x80(SB)/8, $0xffffffffffffffff
DATA hexdigits<>+0x88(SB)/8, $0xffffffffffffffff
DATA hexdigits<>+0x90(SB)/8, $0xffffffffffffffff
DATA hexdigits<>+0x98(SB)/8, $0xffffffffffffffff
DATA hexdigits<>+0xa0(SB)/8, $0xffffffffffffffff
DATA hexdigits<>+0xa8(SB)/8, $0xffffffffffffffff
DATA hexdigits<>+0xb0(SB)/8, $0xffffffffffffffff
DATA hexdigits<>+0xb8(SB)/8, $0xffffffffffffffff
DATA hexdigits<>+0xc0(SB)/8, $0xffffffffffffffff
DATA hexdigits<>+0xc8(SB)/8, $0xffffffffffffffff
DATA hexdigits<>+0xd0(SB)/8, $0xffffffffffffffff
DATA hexdigits<>+0xd8(SB)/8, $0xffffffffffffffff
DATA hexdigits<>+0xe0(SB)/8, $0xffffffffffffffff
DATA hexdigits<>+0xe8(SB)/8, $0xffffffffffffffff
DATA hexdigits<>+0xf0(SB)/8, $0xffffffffffffffff
DATA hexdigits<>+0xf8(SB)/8, $0xffffffffffffffff
GLOBL hexdigits<>(SB), RODATA|NOPTR, $256

// HEXDIGIT shifts into R12 the value of the hex digit after the first at
// off(SI)(AX*1), looked up in hexdigits (R13), and ORs the value into CX.
#define HEXDIGIT(off) \
	MOVBLZX off(SI)(AX*1), DX \
	MOVBLZX (R13)(DX*1), DX   \
	ORL     DX, CX            \
	SHLL    $4, R12           \
	ORL     DX, R12

// CONT stores at off(DI)(BX*1) the UTF-8 continuation byte of the
// character in R12 that holds its bits from shift up: 0x80 and six bits.
#define CONT(shift, off) \
	MOVL R12, DX         \
	SHRL $shift, DX      \
	ANDL $0x3F, DX       \
	ORL  $0x80, DX       \
	MOVB DX, off(DI)(BX*1)

// HEX4 reads into R12 the four hex digits of the \u escape at (SI)(AX*1),
// and into CX their values ORed: 0xF0 set in CX marks a non-digit.
#define HEX4 \
	MOVBLZX 2(SI)(AX*1), DX \
	MOVBLZX (R13)(DX*1), R12 \
	MOVL    R12, CX          \
	HEXDIGIT(3)              \
	HEXDIGIT(4)              \
	HEXDIGIT(5)

// func unquoteRunAVX2(s, dst []byte, i, n int) (int, int, bool)
//
// Copies s from i to dst from n, 32 bytes at a time, unescaping the
// one-byte escapes, the \u escapes and the pairs of them that surrogates
// make, while 32 bytes of s and of dst are left; returns the offsets it
// got to, at the first byte it leaves to its caller (a '"', a control
// character, a lone surrogate's or an invalid escape) or near the end, and
// whether a byte from 0x80 on was copied as it is. The caller checks that i
// and n are not negative. An escape is read within the block that found
// it, and gives no more bytes than it takes, so that reading and writing
// it stays within the 32 bytes of each checked; one that the block ends
// within is read from the next block, which begins with it.
TEXT ·unquoteRunAVX2(SB), NOSPLIT, $0-81
	MOVQ    s_base+0(FP), SI
	MOVQ    s_len+8(FP), R8
	MOVQ    dst_base+24(FP), DI
	MOVQ    dst_len+32(FP), R9
	MOVQ    i+48(FP), AX
	MOVQ    n+56(FP), BX
	VMOVDQU quotes<>(SB), Y10
	VMOVDQU backslashes<>(SB), Y11
	VMOVDQU controls<>(SB), Y12
	VPXOR   Y9, Y9, Y9 // the blocks copied whole, ORed
	XORL    R10, R10   // the bytes from 0x80 on before stops, as masks
	LEAQ    unescapes1<>(SB), R11
	LEAQ    hexdigits<>(SB), R13
	SUBQ    $32, R8    // the last i and n a block fits at
	SUBQ    $32, R9

loop:
	CMPQ      AX, R8
	JGT       done
	CMPQ      BX, R9
	JGT       done
	VMOVDQU   (SI)(AX*1), Y0
	VMOVDQU   Y0, (DI)(BX*1)
	STOPS
	VPMOVMSKB Y1, DX
	TESTL     DX, DX
	JNZ       stop
	VPOR      Y0, Y9, Y9
	ADDQ      $32, AX
	ADDQ      $32, BX
	JMP       loop

stop:
	BSFL      DX, CX // the stop's offset in the block
	VPMOVMSKB Y0, R12
	BELOW
	ANDL      DX, R12 // the bytes from 0x80 on before the stop
	ORL       R12, R10
	ADDQ      CX, AX
	ADDQ      CX, BX
	CMPB      (SI)(AX*1), $0x5c
	JNE       done // '"' or a control character
	CMPL      CX, $31
	JEQ       loop // the backslash ended the block: the next block begins with it
	MOVBLZX   1(SI)(AX*1), DX
	MOVBLZX   (R11)(DX*1), R12
	TESTL     R12, R12
	JZ        unicode
	MOVB      R12, (DI)(BX*1)
	ADDQ      $2, AX
	INCQ      BX
	JMP       loop

unicode:
	CMPL    DX, $0x75 // 'u'
	JNE     done
	CMPL    CX, $26
	JA      loop // its four digits may be past the block: the next begins with it
	MOVL    CX, R14  // the escape's offset in the block, for a surrogate
	HEX4             // the character
	TESTL   $0xF0, CX
	JNZ     done // not four hex digits
	ADDQ    $6, AX
	CMPL    R12, $0x80
	JB      one
	CMPL    R12, $0x800
	JB      two
	MOVL    R12, DX
	ANDL    $0xF800, DX
	CMPL    DX, $0xD800
	JEQ     surrogate
	MOVL    R12, DX
	SHRL    $12, DX
	ORL     $0xE0, DX
	MOVB    DX, (DI)(BX*1)
	CONT(6, 1)
	ANDL    $0x3F, R12
	ORL     $0x80, R12
	MOVB    R12, 2(DI)(BX*1)
	ADDQ    $3, BX
	JMP     loop

two:
	MOVL R12, DX
	SHRL $6, DX
	ORL  $0xC0, DX
	MOVB DX, (DI)(BX*1)
	ANDL $0x3F, R12
	ORL  $0x80, R12
	MOVB R12, 1(DI)(BX*1)
	ADDQ $2, BX
	JMP  loop

one:
	MOVB R12, (DI)(BX*1)
	INCQ BX
	JMP  loop

// A high surrogate's escape followed by its low one's, as encoders write
// a character past U+FFFF, gives the character's four bytes; anything
// else (a lone or reversed surrogate, an invalid escape after it) is left
// to unquoteRun, from the first escape. AX is past the first escape.
surrogate:
	CMPL    R12, $0xDC00
	JAE     lone // a low surrogate first
	CMPL    R14, $20
	JBE     pair
	SUBQ    $6, AX // the pair may end past the block: the next begins with it
	JMP     loop

pair:
	CMPW    (SI)(AX*1), $0x755c // "\\u"
	JNE     lone
	MOVL    R12, R14 // the high surrogate
	HEX4             // the low one
	TESTL   $0xF0, CX
	JNZ     lone // not four hex digits
	MOVL    R12, DX
	ANDL    $0xFC00, DX
	CMPL    DX, $0xDC00
	JNE     lone // not a low surrogate
	SUBL    $0xD800, R14
	SHLL    $10, R14
	SUBL    $0xDC00, R12
	ADDL    R14, R12
	ADDL    $0x10000, R12 // the character
	MOVL    R12, DX
	SHRL    $18, DX
	ORL     $0xF0, DX
	MOVB    DX, (DI)(BX*1)
	CONT(12, 1)
	CONT(6, 2)
	ANDL    $0x3F, R12
	ORL     $0x80, R12
	MOVB    R12, 3(DI)(BX*1)
	ADDQ    $6, AX
	ADDQ    $4, BX
	JMP     loop

lone:
	SUBQ $6, AX // unquoteRun reads it

done:
	VPMOVMSKB Y9, DX
	ORL       DX, R10
	MOVQ      AX, ret+64(FP)
	MOVQ      BX, ret1+72(FP)
	TESTL     R10, R10
	SETNE     ret2+80(FP)
	VZEROUPPER
	RET
