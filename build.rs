//! Windows targets only: compiles the icon and the version information into valgpuls.exe, so
//! Explorer, the taskbar and the file's Properties show them and the .exe stays one file.
//! On every other target this does nothing and needs no Windows tools.
//!
//! Cross-building on Linux for x86_64-pc-windows-gnu uses MinGW's x86_64-w64-mingw32-windres
//! (Debian: binutils-mingw-w64-x86-64, which gcc-mingw-w64-x86-64 brings); the WINDRES
//! environment variable overrides it.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/valgpuls.ico");
    // The target, not the machine the build script runs on: cfg!(windows) would describe the
    // build machine.
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let mut resource = winresource::WindowsResource::new();
    resource
        .set_icon("assets/valgpuls.ico")
        // Shown by Windows as the program's name (Task Manager, "Open with"), so kept short.
        .set("FileDescription", "valgpuls")
        .set("ProductName", "valgpuls")
        .set("Comments", env!("CARGO_PKG_DESCRIPTION"))
        .set("OriginalFilename", "valgpuls.exe")
        .set("InternalName", "valgpuls")
        // Danish (Denmark), the users' language.
        .set_language(0x0406);
    // Only the program gets the resource, not the tests and examples built for Windows.
    if let Err(error) = resource.compile_for("valgpuls") {
        // A missing resource compiler should say what to install, not just "not found".
        panic!(
            "could not compile the Windows resources (icon, version information) with windres: {error}. \
             On Debian install binutils-mingw-w64-x86-64, or set WINDRES to a windres for this target."
        );
    }
}
