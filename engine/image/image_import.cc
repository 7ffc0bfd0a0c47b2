#include "engine/image/image_import.h"

#include <sys/utsname.h>

#include <string_view>

#include "engine/image/layer_import.h"

namespace strata::image {

std::string host_architecture() {
  struct utsname name {};
  if (::uname(&name) != 0) return "amd64";
  std::string_view machine = name.machine;
  if (machine == "x86_64") return "amd64";
  if (machine == "aarch64" || machine == "arm64") return "arm64";
  if (machine.starts_with("armv")) return "arm";
  if (machine == "i386" || machine == "i686") return "386";
  return std::string(machine);  // ppc64le, s390x, riscv64 are the same in both namings
}

base::Result<StoredImage> import_rootfs(ImageStore& images, store::BlobStore& blobs,
                                        layer::Source& rootfs, const ImportOptions& options) {
  auto layer = import_layer(blobs, rootfs);
  if (!layer) return base::wrap_error(std::move(layer).error(), "import");
  std::string created = format_rfc3339_nano_utc(options.created.value_or(now_utc()));
  ImageConfig config;
  config.created = created;
  config.architecture = options.architecture.empty() ? host_architecture() : options.architecture;
  config.os = options.os;
  config.config = options.config;
  config.rootfs.diff_ids = {layer->diff_id};
  HistoryEntry history;
  history.created = created;
  history.comment = options.message;
  config.history.push_back(std::move(history));
  if (!options.message.empty()) config.extra["comment"] = options.message;
  return images.commit(config);
}

}  // namespace strata::image
