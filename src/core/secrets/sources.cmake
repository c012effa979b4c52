# Sources of src/core/secrets
target_sources(scimitar_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/KeychainSecretStore.cpp ${CMAKE_CURRENT_LIST_DIR}/KeychainSecretStore.h
    ${CMAKE_CURRENT_LIST_DIR}/MemorySecretStore.cpp ${CMAKE_CURRENT_LIST_DIR}/MemorySecretStore.h
    ${CMAKE_CURRENT_LIST_DIR}/PrivateFile.cpp ${CMAKE_CURRENT_LIST_DIR}/PrivateFile.h
    ${CMAKE_CURRENT_LIST_DIR}/ProcessHardening.cpp ${CMAKE_CURRENT_LIST_DIR}/ProcessHardening.h
    ${CMAKE_CURRENT_LIST_DIR}/SecretKeys.cpp ${CMAKE_CURRENT_LIST_DIR}/SecretKeys.h
    ${CMAKE_CURRENT_LIST_DIR}/SecretResult.cpp ${CMAKE_CURRENT_LIST_DIR}/SecretResult.h
    ${CMAKE_CURRENT_LIST_DIR}/SecretScrubber.cpp ${CMAKE_CURRENT_LIST_DIR}/SecretScrubber.h
    ${CMAKE_CURRENT_LIST_DIR}/SecretStore.cpp ${CMAKE_CURRENT_LIST_DIR}/SecretStore.h
    ${CMAKE_CURRENT_LIST_DIR}/SyncSecretReader.cpp ${CMAKE_CURRENT_LIST_DIR}/SyncSecretReader.h
)
