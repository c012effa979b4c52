#include "secrets/PrivateFile.h"

#include <QFile>
#include <QSaveFile>
#include <QSettings>

namespace scimitar::PrivateFile {

namespace {
constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions kOthers = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup |
                                             QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
} // namespace

bool write(const QString& path, const QByteArray& data, QString* error)
{
    QSaveFile file(path);
    // The permissions go on the temporary file before a byte is written, so the data is never readable by others,
    // not even for the moment before the rename.
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(kOwnerOnly) || file.write(data) != data.size() ||
        !file.commit()) {
        if (error)
            *error = QStringLiteral("Could not write %1: %2.").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool sync(QSettings& settings)
{
    settings.sync();
    if (settings.status() != QSettings::NoError)
        return false;
    const QString path = settings.fileName();
    if (QFile::exists(path) && (QFile::permissions(path) & kOthers))
        QFile::setPermissions(path, kOwnerOnly);
    return true;
}

} // namespace scimitar::PrivateFile
