// Calls a SLEEF vector function on `count` consecutive vectors:
//
//   void tessera_sleef_call1_{xmm,ymm,zmm}(const void *fn, const void *in, void *out, intptr_t count)
//   void tessera_sleef_call2_{xmm,ymm,zmm}(const void *fn, const void *a, const void *b, void *out, intptr_t count)
//
// Why assembly: SLEEF's AVX2 and AVX-512 functions take and return __m256d/__m512d in
// ymm/zmm registers. Clang decides how such arguments travel from the translation
// unit's ABI level (-mavx/-mavx512f, which would need unsafeFlags), not from
// __attribute__((target)) on the caller or the prototype: without the flag it passes
// them in memory, so a C call through a dlsym'd pointer would hand SLEEF garbage.
// These trampolines follow the real vector calling convention. The assembler needs no
// CPU flags; the caller picks the width the CPU supports.

    .text

// ---- one input ----
.macro CALL1 name, load, store, bytes, reg
    .globl \name
    .type \name, @function
    .p2align 4
\name:
    .cfi_startproc
    test    %rcx, %rcx
    jle     2f
    push    %rbx
    .cfi_adjust_cfa_offset 8
    .cfi_rel_offset %rbx, 0
    push    %r12
    .cfi_adjust_cfa_offset 8
    .cfi_rel_offset %r12, 0
    push    %r13
    .cfi_adjust_cfa_offset 8
    .cfi_rel_offset %r13, 0
    push    %r14
    .cfi_adjust_cfa_offset 8
    .cfi_rel_offset %r14, 0
    sub     $8, %rsp                 // keep %rsp 16-byte aligned at each call
    .cfi_adjust_cfa_offset 8
    mov     %rdi, %rbx
    mov     %rsi, %r12
    mov     %rdx, %r13
    mov     %rcx, %r14
1:
    \load   (%r12), %\()\reg\()0
    call    *%rbx
    \store  %\()\reg\()0, (%r13)
    add     $\bytes, %r12
    add     $\bytes, %r13
    dec     %r14
    jnz     1b
    add     $8, %rsp
    .cfi_adjust_cfa_offset -8
    pop     %r14
    .cfi_adjust_cfa_offset -8
    pop     %r13
    .cfi_adjust_cfa_offset -8
    pop     %r12
    .cfi_adjust_cfa_offset -8
    pop     %rbx
    .cfi_adjust_cfa_offset -8
    .ifnc \reg, xmm
    vzeroupper                       // back to SSE code without a transition penalty
    .endif
2:
    ret
    .cfi_endproc
    .size \name, .-\name
.endm

// ---- two inputs ----
.macro CALL2 name, load, store, bytes, reg
    .globl \name
    .type \name, @function
    .p2align 4
\name:
    .cfi_startproc
    test    %r8, %r8
    jle     2f
    push    %rbx
    .cfi_adjust_cfa_offset 8
    .cfi_rel_offset %rbx, 0
    push    %r12
    .cfi_adjust_cfa_offset 8
    .cfi_rel_offset %r12, 0
    push    %r13
    .cfi_adjust_cfa_offset 8
    .cfi_rel_offset %r13, 0
    push    %r14
    .cfi_adjust_cfa_offset 8
    .cfi_rel_offset %r14, 0
    push    %r15
    .cfi_adjust_cfa_offset 8
    .cfi_rel_offset %r15, 0
    mov     %rdi, %rbx
    mov     %rsi, %r12
    mov     %rdx, %r13
    mov     %rcx, %r14
    mov     %r8, %r15
1:
    \load   (%r12), %\()\reg\()0
    \load   (%r13), %\()\reg\()1
    call    *%rbx
    \store  %\()\reg\()0, (%r14)
    add     $\bytes, %r12
    add     $\bytes, %r13
    add     $\bytes, %r14
    dec     %r15
    jnz     1b
    pop     %r15
    .cfi_adjust_cfa_offset -8
    pop     %r14
    .cfi_adjust_cfa_offset -8
    pop     %r13
    .cfi_adjust_cfa_offset -8
    pop     %r12
    .cfi_adjust_cfa_offset -8
    pop     %rbx
    .cfi_adjust_cfa_offset -8
    .ifnc \reg, xmm
    vzeroupper                       // back to SSE code without a transition penalty
    .endif
2:
    ret
    .cfi_endproc
    .size \name, .-\name
.endm

    // SSE2: legacy encodings only (no VEX), so it runs on any x86-64.
    CALL1 tessera_sleef_call1_xmm, movups, movups, 16, xmm
    CALL2 tessera_sleef_call2_xmm, movups, movups, 16, xmm
    // AVX2 and AVX-512F.
    CALL1 tessera_sleef_call1_ymm, vmovups, vmovups, 32, ymm
    CALL2 tessera_sleef_call2_ymm, vmovups, vmovups, 32, ymm
    CALL1 tessera_sleef_call1_zmm, vmovups, vmovups, 64, zmm
    CALL2 tessera_sleef_call2_zmm, vmovups, vmovups, 64, zmm

    .section .note.GNU-stack, "", @progbits
