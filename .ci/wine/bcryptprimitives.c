/* Stand-in for bcryptprimitives.dll, for running valgpuls.exe under Wine 8 only.
 *
 * Rust's standard library on Windows gets its random numbers (HashMap seeds) from ProcessPrng
 * in bcryptprimitives.dll. Windows 10 and 11 have it; Wine 8 (Debian 12's wine64) does not, so
 * the program fails to start there. This DLL exports ProcessPrng on top of BCryptGenRandom,
 * which Wine does have. .ci/windows.sh builds it with MinGW and puts it beside the .exe in a
 * scratch folder for the Wine runs; it is never shipped: real Windows has the real DLL.
 *
 *   x86_64-w64-mingw32-gcc -O2 -shared -o bcryptprimitives.dll bcryptprimitives.c \
 *       bcryptprimitives.def -lbcrypt
 */
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    /* BCryptGenRandom takes a ULONG count; feed larger requests in pieces. */
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!BCRYPT_SUCCESS(BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG)))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    /* The real ProcessPrng always returns TRUE; FALSE above only reports Wine failing. */
    return TRUE;
}
