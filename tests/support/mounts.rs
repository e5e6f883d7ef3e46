//! File systems and permissions that a test changes for a while and gives back on drop, on
//! a panic too.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// A file system mounted over a folder for one test, unmounted when dropped, on a panic too.
pub struct Mount(PathBuf);

impl Mount {
    /// Mounts a tmpfs with `options` over `dir`; needs root.
    pub fn tmpfs(dir: &Path, options: &str) -> Mount {
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", options, "tmpfs"])
            .arg(dir)
            .status()
            .expect("mount runs");
        assert!(status.success(), "mount -o {options} {}", dir.display());
        Mount(dir.to_path_buf())
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

/// Gives a folder back its permissions when dropped.
pub struct Permissions(PathBuf);

impl Drop for Permissions {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&self.0, std::fs::Permissions::from_mode(0o755));
    }
}

pub fn is_root() -> bool {
    // SAFETY: geteuid only reads the process's credentials.
    unsafe { libc::geteuid() == 0 }
}

/// Makes `dir` read-only in the way that works for this user: chmod does not stop root, a
/// read-only mount does.
pub fn read_only(dir: &Path) -> Box<dyn std::any::Any> {
    if is_root() {
        return Box::new(Mount::tmpfs(dir, "ro,size=1m"));
    }
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    Box::new(Permissions(dir.to_path_buf()))
}
