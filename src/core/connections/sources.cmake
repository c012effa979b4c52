# Sources of src/core/connections
target_sources(scimitar_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/Connection.cpp ${CMAKE_CURRENT_LIST_DIR}/Connection.h
    ${CMAKE_CURRENT_LIST_DIR}/ConnectionImporter.cpp ${CMAKE_CURRENT_LIST_DIR}/ConnectionImporter.h
    ${CMAKE_CURRENT_LIST_DIR}/ConnectionStore.cpp ${CMAKE_CURRENT_LIST_DIR}/ConnectionStore.h
    ${CMAKE_CURRENT_LIST_DIR}/DatabricksConfigFile.cpp ${CMAKE_CURRENT_LIST_DIR}/DatabricksConfigFile.h
    ${CMAKE_CURRENT_LIST_DIR}/EnvironmentCredentials.cpp ${CMAKE_CURRENT_LIST_DIR}/EnvironmentCredentials.h
    ${CMAKE_CURRENT_LIST_DIR}/IdpBinding.cpp ${CMAKE_CURRENT_LIST_DIR}/IdpBinding.h
    ${CMAKE_CURRENT_LIST_DIR}/IdpConnection.cpp ${CMAKE_CURRENT_LIST_DIR}/IdpConnection.h
    ${CMAKE_CURRENT_LIST_DIR}/IdpConnectionStore.cpp ${CMAKE_CURRENT_LIST_DIR}/IdpConnectionStore.h
    ${CMAKE_CURRENT_LIST_DIR}/IdpStoredSecret.cpp ${CMAKE_CURRENT_LIST_DIR}/IdpStoredSecret.h
    ${CMAKE_CURRENT_LIST_DIR}/ImportedConnection.h
)
