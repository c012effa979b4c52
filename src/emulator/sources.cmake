# Sources of scimitar_emulator_lib (src/emulator/main.cpp is the executable's only file).
target_sources(scimitar_emulator_lib PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/AttributeProjection.cpp ${CMAKE_CURRENT_LIST_DIR}/AttributeProjection.h
    ${CMAKE_CURRENT_LIST_DIR}/Dataset.cpp ${CMAKE_CURRENT_LIST_DIR}/Dataset.h
    ${CMAKE_CURRENT_LIST_DIR}/DatasetGenerator.cpp ${CMAKE_CURRENT_LIST_DIR}/DatasetGenerator.h
    ${CMAKE_CURRENT_LIST_DIR}/EmulatorFault.cpp ${CMAKE_CURRENT_LIST_DIR}/EmulatorFault.h
    ${CMAKE_CURRENT_LIST_DIR}/EmulatorOptions.h
    ${CMAKE_CURRENT_LIST_DIR}/EmulatorReply.cpp ${CMAKE_CURRENT_LIST_DIR}/EmulatorReply.h
    ${CMAKE_CURRENT_LIST_DIR}/EmulatorRequest.cpp ${CMAKE_CURRENT_LIST_DIR}/EmulatorRequest.h
    ${CMAKE_CURRENT_LIST_DIR}/EmulatorServer.cpp ${CMAKE_CURRENT_LIST_DIR}/EmulatorServer.h
    ${CMAKE_CURRENT_LIST_DIR}/EmulatorStats.h
    ${CMAKE_CURRENT_LIST_DIR}/EmulatorThread.cpp ${CMAKE_CURRENT_LIST_DIR}/EmulatorThread.h
    ${CMAKE_CURRENT_LIST_DIR}/FilterScanner.cpp ${CMAKE_CURRENT_LIST_DIR}/FilterScanner.h
    ${CMAKE_CURRENT_LIST_DIR}/GraphApi.cpp ${CMAKE_CURRENT_LIST_DIR}/GraphApi.h
    ${CMAKE_CURRENT_LIST_DIR}/GraphFilter.cpp ${CMAKE_CURRENT_LIST_DIR}/GraphFilter.h
    ${CMAKE_CURRENT_LIST_DIR}/GraphTokenEndpoint.cpp ${CMAKE_CURRENT_LIST_DIR}/GraphTokenEndpoint.h
    ${CMAKE_CURRENT_LIST_DIR}/IdpDataset.cpp ${CMAKE_CURRENT_LIST_DIR}/IdpDataset.h
    ${CMAKE_CURRENT_LIST_DIR}/OktaApi.cpp ${CMAKE_CURRENT_LIST_DIR}/OktaApi.h
    ${CMAKE_CURRENT_LIST_DIR}/OktaSearch.cpp ${CMAKE_CURRENT_LIST_DIR}/OktaSearch.h
    ${CMAKE_CURRENT_LIST_DIR}/RawReplyWriter.cpp ${CMAKE_CURRENT_LIST_DIR}/RawReplyWriter.h
    ${CMAKE_CURRENT_LIST_DIR}/PatchApplier.cpp ${CMAKE_CURRENT_LIST_DIR}/PatchApplier.h
    ${CMAKE_CURRENT_LIST_DIR}/ResourceRenderer.cpp ${CMAKE_CURRENT_LIST_DIR}/ResourceRenderer.h
    ${CMAKE_CURRENT_LIST_DIR}/ScimError.cpp ${CMAKE_CURRENT_LIST_DIR}/ScimError.h
    ${CMAKE_CURRENT_LIST_DIR}/ScimFilter.cpp ${CMAKE_CURRENT_LIST_DIR}/ScimFilter.h
)
