#include "engine/base/unique_fd.h"

#include <unistd.h>

namespace strata::base {

void UniqueFd::reset() {
  if (m_fd >= 0) ::close(m_fd);
  m_fd = -1;
}

}  // namespace strata::base
