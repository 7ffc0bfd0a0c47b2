#pragma once

#include <locale.h>

namespace strata::layer {

// Makes this thread's character set UTF-8 while it lives (uselocale, never the process-wide
// setlocale). libarchive converts names between the tar's UTF-8 PAX records and the "current
// locale"; under the default C locale a non-ASCII name fails that conversion and is written as
// hdrcharset=BINARY instead. Pinning UTF-8 makes the bytes of a layer, and so its diffID,
// independent of whatever locale the process runs in. Names that are not valid UTF-8 still
// travel as raw bytes (hdrcharset=BINARY), as Linux file names may be any bytes.
// Guards must nest (stack objects in one function), so each libarchive call site takes its own.
class ScopedUtf8Locale {
 public:
  ScopedUtf8Locale();
  ~ScopedUtf8Locale();
  ScopedUtf8Locale(const ScopedUtf8Locale&) = delete;
  ScopedUtf8Locale& operator=(const ScopedUtf8Locale&) = delete;

 private:
  locale_t m_previous = nullptr;
  bool m_active = false;
};

}  // namespace strata::layer
