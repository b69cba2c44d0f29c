//! The wasm's global allocator: free lists by size class in front of the
//! default allocator (dlmalloc, reached through `std::alloc::System`).
//!
//! Planning makes millions of small, short-lived allocations (YAML values,
//! keys, paths, findings). dlmalloc spent about 12% of `planFiles`' time on
//! them (bins, coalescing, splitting). Here a block of at most `MAX_SMALL`
//! bytes is taken from the free list of its size class, or cut from a chunk,
//! and given back to that list on `dealloc`: a few instructions each way and
//! no header, since Rust passes the layout to `dealloc` too. Larger blocks
//! and alignments over `ALIGN` go to dlmalloc as before.
//!
//! Small blocks are never returned to dlmalloc, so memory freed in one size
//! class serves only that class; a plan's allocations repeat the same sizes
//! file after file, and wasm memory never shrinks anyway.
//!
//! Sound only without threads: wasm32-unknown-unknown without the `atomics`
//! feature, which is how this crate is built (see `.cargo/config.toml`).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::UnsafeCell;
use std::ptr::{self, null_mut};

/// Size classes are multiples of `ALIGN`; blocks of every class are `ALIGN`-aligned.
const ALIGN: usize = 16;
/// The largest block served from the free lists.
const MAX_SMALL: usize = 512;
const CLASSES: usize = MAX_SMALL / ALIGN;
/// Bytes asked of dlmalloc at a time for new small blocks.
const CHUNK: usize = 64 * 1024;

struct State {
    /// The first free block of each class; a free block holds the next one.
    free: [*mut u8; CLASSES],
    /// The unused part of the current chunk.
    next: *mut u8,
    end: *mut u8,
}

pub struct SizeClasses(UnsafeCell<State>);

// SAFETY: the wasm32 target this is compiled for has no threads.
unsafe impl Sync for SizeClasses {}

impl SizeClasses {
    pub const fn new() -> Self {
        SizeClasses(UnsafeCell::new(State {
            free: [null_mut(); CLASSES],
            next: null_mut(),
            end: null_mut(),
        }))
    }
}

/// The class of a small layout, or `None` for dlmalloc.
#[inline(always)]
fn class(layout: Layout) -> Option<usize> {
    let size = layout.size();
    if size <= MAX_SMALL && layout.align() <= ALIGN {
        // `size` is never 0 (GlobalAlloc's contract); `max` keeps it safe anyway.
        Some((size.max(1) - 1) / ALIGN)
    } else {
        None
    }
}

impl State {
    #[inline(always)]
    unsafe fn alloc_small(&mut self, c: usize) -> *mut u8 {
        let head = self.free[c];
        if !head.is_null() {
            // SAFETY: a free block's first word holds the next free block.
            self.free[c] = unsafe { head.cast::<*mut u8>().read() };
            return head;
        }
        let size = (c + 1) * ALIGN;
        if (self.end as usize) - (self.next as usize) < size {
            // SAFETY: CHUNK is a non-zero multiple of ALIGN.
            let chunk = unsafe { System.alloc(Layout::from_size_align_unchecked(CHUNK, ALIGN)) };
            if chunk.is_null() {
                return null_mut();
            }
            // The rest of the old chunk (less than MAX_SMALL bytes) is left unused.
            self.next = chunk;
            self.end = chunk.wrapping_add(CHUNK);
        }
        let p = self.next;
        self.next = p.wrapping_add(size);
        p
    }

    #[inline(always)]
    unsafe fn dealloc_small(&mut self, p: *mut u8, c: usize) {
        // SAFETY: the block is at least ALIGN bytes and ALIGN-aligned.
        unsafe { p.cast::<*mut u8>().write(self.free[c]) };
        self.free[c] = p;
    }
}

unsafe impl GlobalAlloc for SizeClasses {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        match class(layout) {
            // SAFETY: single-threaded, so no other reference to the state is live.
            Some(c) => unsafe { (*self.0.get()).alloc_small(c) },
            None => unsafe { System.alloc(layout) },
        }
    }

    #[inline]
    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        match class(layout) {
            Some(c) => unsafe { (*self.0.get()).dealloc_small(p, c) },
            None => unsafe { System.dealloc(p, layout) },
        }
    }

    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller guarantees a valid layout for `new_size`.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        match (class(layout), class(new_layout)) {
            (Some(a), Some(b)) if a == b => p,
            (None, None) => unsafe { System.realloc(p, layout, new_size) },
            _ => {
                let q = unsafe { self.alloc(new_layout) };
                if !q.is_null() {
                    unsafe {
                        ptr::copy_nonoverlapping(p, q, layout.size().min(new_size));
                        self.dealloc(p, layout);
                    }
                }
                q
            }
        }
    }
}
