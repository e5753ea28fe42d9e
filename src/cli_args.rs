//! Command-line arguments as text without losing a file name that is not valid Unicode. On
//! Linux a file name is bytes, and an export unpacked from an old Windows zip can carry
//! Windows-1252 bytes in its name. Read lossily, such a name turns into "�" and the file is
//! "not found" although it is there. So each byte that is not UTF-8 travels through the
//! command line's text as one private-use character and is turned back into that byte where
//! the text becomes a path; messages show the path as the system does.

use std::ffi::OsStr;
use std::path::PathBuf;

/// The private-use block that carries a stray byte: U+10FE00 + the byte.
const CARRIER: u32 = 0x10_FE00;

/// The argument as text, its non-UTF-8 bytes carried (Unix) or replaced (elsewhere).
pub fn arg_text(arg: &OsStr) -> String {
    if let Some(text) = arg.to_str() {
        return text.to_string();
    }
    carry_bytes(arg).unwrap_or_else(|| arg.to_string_lossy().into_owned())
}

#[cfg(unix)]
fn carry_bytes(arg: &OsStr) -> Option<String> {
    use std::os::unix::ffi::OsStrExt;
    let mut text = String::new();
    for chunk in arg.as_bytes().utf8_chunks() {
        text.push_str(chunk.valid());
        for &byte in chunk.invalid() {
            text.push(char::from_u32(CARRIER + u32::from(byte))?);
        }
    }
    Some(text)
}

#[cfg(not(unix))]
fn carry_bytes(_: &OsStr) -> Option<String> {
    // Windows names are UTF-16; only a lone surrogate fails, and that is replaced.
    None
}

/// A path given on the command line, with the bytes [`arg_text`] carried put back.
pub fn arg_path(text: &str) -> PathBuf {
    let carried = |c: char| (CARRIER + 0x80..=CARRIER + 0xFF).contains(&u32::from(c));
    if !text.chars().any(carried) {
        return PathBuf::from(text);
    }
    put_bytes_back(text, carried)
}

#[cfg(unix)]
fn put_bytes_back(text: &str, carried: impl Fn(char) -> bool) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    let mut bytes = Vec::with_capacity(text.len());
    for c in text.chars() {
        match u32::from(c).checked_sub(CARRIER).map(u8::try_from) {
            Some(Ok(byte)) if carried(c) => bytes.push(byte),
            _ => bytes.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
        }
    }
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

#[cfg(not(unix))]
fn put_bytes_back(text: &str, _: impl Fn(char) -> bool) -> PathBuf {
    PathBuf::from(text)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::ffi::OsStrExt;

    #[test]
    fn a_windows_1252_file_name_comes_back_byte_for_byte() {
        for name in [
            &b"svar-\xe6\xf8\xe5.csv"[..],
            b"\xff",
            b"ok-\xc3\xa6.csv",
            b"\xc3(mix\xe6)",
        ] {
            let os = OsStr::from_bytes(name);
            let text = arg_text(os);
            assert_eq!(arg_path(&text).as_os_str().as_bytes(), name, "{text:?}");
        }
        assert_eq!(arg_text(OsStr::new("Køge.csv")), "Køge.csv");
    }
}
