#pragma once

#include <QByteArray>
#include <QString>

class QSettings;

namespace scimitar {

// Files that name people, groups and access (exports, settings) are the user's alone: 0600, whatever the umask,
// as the audit journal is. A folder the user chose keeps its own permissions; the file written into it does not.
namespace PrivateFile {

// Writes `data` to `path` atomically (a crash leaves the old file or the new one, never half), owner read/write
// only. On failure `*error` names the file and why, and any previous file is untouched.
bool write(const QString& path, const QByteArray& data, QString* error);

// Writes the settings out now and makes their file owner read/write only (QSettings itself follows the umask).
// False when the settings could not be written.
bool sync(QSettings& settings);

} // namespace PrivateFile

} // namespace scimitar
