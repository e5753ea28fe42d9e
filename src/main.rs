//! Start: a subcommand runs the command line; anything else opens the window, on the given
//! files or, with none, on the bundled sample data.

// Windows: a GUI program, so a double-click opens no console window. Subcommands attach to the
// console they were started from instead (attach_parent_console below).
#![cfg_attr(windows, windows_subsystem = "windows")]

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    // args_os: a file name that is not valid Unicode must neither panic the program nor be
    // "not found"; its bytes are carried through the text (cli_args).
    let raw: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let args: Vec<String> = raw.iter().map(|arg| valgpuls::cli::arg_text(arg)).collect();
    // An option before any command ("--lang en", a mistyped "--hlep") is for the command
    // line, which explains it, and never a file to open: files do not start with '-'.
    let is_command = args.first().is_some_and(|first| {
        valgpuls::cli::SUBCOMMANDS.contains(&first.as_str())
            || matches!(first.as_str(), "help")
            || first.starts_with('-')
    });
    if is_command {
        attach_parent_console();
        let code = valgpuls::cli::run(&args, &mut std::io::stdout().lock(), &mut std::io::stderr().lock());
        return ExitCode::from(code);
    }
    let files: Vec<PathBuf> = raw.into_iter().map(PathBuf::from).collect();
    open_window(files)
}

#[cfg(feature = "gui")]
fn open_window(files: Vec<PathBuf>) -> ExitCode {
    match valgpuls::app::run(files) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("valgpuls: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Built without the window (`--no-default-features`): say so, and how to use the commands.
#[cfg(not(feature = "gui"))]
fn open_window(_files: Vec<PathBuf>) -> ExitCode {
    eprintln!(
        "valgpuls: built without the window (the gui feature)\n\n{}",
        valgpuls::cli::USAGE
    );
    ExitCode::from(2)
}

/// Windows only: lets a subcommand print to the cmd or PowerShell window it was started from.
/// A GUI-subsystem program (see the top of this file) gets no console of its own, so without
/// this its output would vanish. Redirected output (`> file`, pipes) keeps going where it was
/// sent: Windows replaces only standard handles that were not given at process creation. With
/// no parent console (started from Explorer) the call fails, and there is nowhere to print to.
#[cfg(windows)]
fn attach_parent_console() {
    // SAFETY: AttachConsole takes a process id by value and touches no memory of ours.
    unsafe {
        windows_sys::Win32::System::Console::AttachConsole(windows_sys::Win32::System::Console::ATTACH_PARENT_PROCESS);
    }
}

#[cfg(not(windows))]
fn attach_parent_console() {}
