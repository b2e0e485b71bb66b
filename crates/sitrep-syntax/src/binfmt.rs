//! The compact binary container of model files.
//!
//! Layout (all integers little-endian):
//!
//! ```text
//! magic     8 bytes  b"SRSYNTAX"
//! version   u32      FORMAT_VERSION
//! sections  u32      number of sections
//! section*  tag [u8; 4], length u64, payload
//! checksum  u64      FNV-1a of every byte before it
//! ```
//!
//! Inside payloads, strings are a `u32` byte length followed by UTF-8 bytes.

use std::path::{Path, PathBuf};

use crate::SyntaxError;

/// Magic bytes at the start of every model file.
pub const MAGIC: &[u8; 8] = b"SRSYNTAX";
/// Version of the container and section layouts.
pub const FORMAT_VERSION: u32 = 1;

/// Reads a model file; the error names it.
pub(crate) fn read_file(path: &Path) -> Result<Vec<u8>, SyntaxError> {
    std::fs::read(path).map_err(|source| SyntaxError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Writes a model file; the error names it.
pub(crate) fn write_file(path: &Path, bytes: &[u8]) -> Result<(), SyntaxError> {
    std::fs::write(path, bytes).map_err(|source| SyntaxError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// FNV-1a, 64 bits.
pub(crate) fn fnv64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Builds one section payload.
#[derive(Default)]
pub(crate) struct Buf(pub Vec<u8>);

impl Buf {
    pub fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    pub fn u16(&mut self, v: u16) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub fn f32(&mut self, v: f32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.0.extend_from_slice(s.as_bytes());
    }
}

/// Assembles sections into a file image.
pub(crate) fn assemble(sections: &[([u8; 4], Buf)]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&(sections.len() as u32).to_le_bytes());
    for (tag, buf) in sections {
        out.extend_from_slice(tag);
        out.extend_from_slice(&(buf.0.len() as u64).to_le_bytes());
        out.extend_from_slice(&buf.0);
    }
    let sum = fnv64(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    out
}

/// Reads values from a byte slice; every failure names the file.
#[derive(Debug)]
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    path: &'a Path,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8], path: &'a Path) -> Reader<'a> {
        Reader {
            bytes,
            pos: 0,
            path,
        }
    }

    pub fn error(&self, message: impl Into<String>) -> SyntaxError {
        SyntaxError::Model {
            path: PathBuf::from(self.path),
            message: message.into(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    pub fn take(&mut self, n: usize) -> Result<&'a [u8], SyntaxError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len());
        match end {
            Some(end) => {
                let s = &self.bytes[self.pos..end];
                self.pos = end;
                Ok(s)
            }
            None => Err(self.error(format!(
                "truncated: needed {n} bytes at offset {}, only {} left",
                self.pos,
                self.bytes.len().saturating_sub(self.pos)
            ))),
        }
    }

    fn arr<const N: usize>(&mut self) -> Result<[u8; N], SyntaxError> {
        let s = self.take(N)?;
        let mut a = [0u8; N];
        a.copy_from_slice(s);
        Ok(a)
    }
    pub fn u8(&mut self) -> Result<u8, SyntaxError> {
        Ok(self.arr::<1>()?[0])
    }
    pub fn u16(&mut self) -> Result<u16, SyntaxError> {
        Ok(u16::from_le_bytes(self.arr()?))
    }
    pub fn u32(&mut self) -> Result<u32, SyntaxError> {
        Ok(u32::from_le_bytes(self.arr()?))
    }
    pub fn u64(&mut self) -> Result<u64, SyntaxError> {
        Ok(u64::from_le_bytes(self.arr()?))
    }
    pub fn f32(&mut self) -> Result<f32, SyntaxError> {
        let v = f32::from_le_bytes(self.arr()?);
        if v.is_finite() {
            Ok(v)
        } else {
            Err(self.error(format!("non-finite weight at offset {}", self.pos - 4)))
        }
    }
    pub fn str(&mut self) -> Result<&'a str, SyntaxError> {
        let n = self.u32()? as usize;
        let at = self.pos;
        let b = self.take(n)?;
        std::str::from_utf8(b).map_err(|_| self.error(format!("invalid UTF-8 at offset {at}")))
    }
    /// A count of items each at least `min_item` bytes long, checked against what is left,
    /// so corrupt counts cannot trigger huge allocations.
    pub fn count(&mut self, min_item: usize) -> Result<usize, SyntaxError> {
        let n = self.u32()? as usize;
        let left = self.bytes.len().saturating_sub(self.pos);
        if n.saturating_mul(min_item.max(1)) > left {
            return Err(self.error(format!(
                "truncated or corrupt: count {n} at offset {} exceeds the remaining bytes",
                self.pos - 4
            )));
        }
        Ok(n)
    }
}

/// Splits a file image into its sections after checking magic, version and checksum.
pub(crate) fn sections<'a>(
    bytes: &'a [u8],
    path: &'a Path,
) -> Result<Vec<([u8; 4], Reader<'a>)>, SyntaxError> {
    let r = Reader::new(bytes, path);
    if bytes.len() < MAGIC.len() + 16 {
        return Err(r.error(format!("truncated: only {} bytes", bytes.len())));
    }
    if &bytes[..8] != MAGIC {
        return Err(r.error("not a sitrep syntax model (bad magic bytes)"));
    }
    let (body, sum) = bytes.split_at(bytes.len() - 8);
    let mut r = Reader::new(body, path);
    r.take(8)?;
    let version = r.u32()?;
    if version != FORMAT_VERSION {
        return Err(r.error(format!(
            "unsupported format version {version} (this build reads {FORMAT_VERSION})"
        )));
    }
    let mut sb = [0u8; 8];
    sb.copy_from_slice(sum);
    if u64::from_le_bytes(sb) != fnv64(body) {
        return Err(r.error("checksum mismatch: the file is corrupt or truncated"));
    }
    let n = r.count(12)?;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let mut tag = [0u8; 4];
        tag.copy_from_slice(r.take(4)?);
        let len = usize::try_from(r.u64()?).map_err(|_| r.error("section too large"))?;
        let payload = r.take(len)?;
        out.push((tag, Reader::new(payload, path)));
    }
    if !r.is_empty() {
        return Err(r.error("trailing bytes after the last section"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_corruption() {
        let mut b = Buf::default();
        b.str("hello");
        b.u16(7);
        b.f32(1.5);
        let img = assemble(&[(*b"TEST", b)]);
        let p = Path::new("m.bin");
        let mut s = sections(&img, p).unwrap();
        assert_eq!(&s[0].0, b"TEST");
        let r = &mut s[0].1;
        assert_eq!(r.str().unwrap(), "hello");
        assert_eq!(r.u16().unwrap(), 7);
        assert_eq!(r.f32().unwrap(), 1.5);
        assert!(r.u8().is_err());

        let mut bad = img.clone();
        bad[20] ^= 1;
        let e = sections(&bad, p).unwrap_err().to_string();
        assert!(e.contains("m.bin") && e.contains("checksum"), "{e}");
        let e = sections(&img[..img.len() - 3], p).unwrap_err().to_string();
        assert!(e.contains("m.bin"), "{e}");
        let e = sections(b"garbage", p).unwrap_err().to_string();
        assert!(e.contains("truncated"), "{e}");
    }
}
