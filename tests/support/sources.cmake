target_sources(scimitar_test_support PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/CliRun.cpp ${CMAKE_CURRENT_LIST_DIR}/CliRun.h
    ${CMAKE_CURRENT_LIST_DIR}/CsvReader.cpp ${CMAKE_CURRENT_LIST_DIR}/CsvReader.h
    ${CMAKE_CURRENT_LIST_DIR}/DemoEmulator.cpp ${CMAKE_CURRENT_LIST_DIR}/DemoEmulator.h
    ${CMAKE_CURRENT_LIST_DIR}/EmulatorHost.cpp ${CMAKE_CURRENT_LIST_DIR}/EmulatorHost.h
    ${CMAKE_CURRENT_LIST_DIR}/HttpProbe.cpp ${CMAKE_CURRENT_LIST_DIR}/HttpProbe.h
    ${CMAKE_CURRENT_LIST_DIR}/ScriptedServer.h
    ${CMAKE_CURRENT_LIST_DIR}/SourceRun.h
)
