#include "engine/layer/utf8_locale.h"

namespace strata::layer {

namespace {

// Created once and never freed: a constant, shared by every thread that switches to it.
// C.UTF-8 is built into glibc since 2.35, so this does not depend on installed locales.
locale_t utf8_ctype() {
  static const locale_t locale =
      newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
  return locale;
}

}  // namespace

ScopedUtf8Locale::ScopedUtf8Locale() {
  if (locale_t locale = utf8_ctype(); locale != nullptr) {
    m_previous = uselocale(locale);
    m_active = true;
  }
}

ScopedUtf8Locale::~ScopedUtf8Locale() {
  if (m_active) uselocale(m_previous);
}

}  // namespace strata::layer
